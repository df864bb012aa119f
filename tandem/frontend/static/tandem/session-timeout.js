// Session-timeout warning, on the GOV.UK / HMRC timeout-warning pattern.
//
// The dialog (frontend/_session_timeout.html) carries its timings in data- attributes. A few
// minutes before the session ends it opens, moves focus into itself and counts down. "Stay
// signed in" (or Escape) asks the server to keep the session going. When time runs out, any
// form with unsaved changes is saved as a draft first, then the person is signed out and sent
// to sign in, with a note that nothing they typed was lost.
//
// Tabs share the expiry time through localStorage, so activity in one tab keeps the others
// from warning too early. Without JavaScript none of this runs and every page still works.

const STORAGE_KEY = 'tandem-session-expires-at'
const SAVE_WAIT_MS = 3000

function readShared () {
  try {
    const value = Number(window.localStorage.getItem(STORAGE_KEY))
    return Number.isFinite(value) ? value : 0
  } catch (error) {
    return 0
  }
}

function writeShared (expiresAt) {
  try {
    if (expiresAt > readShared()) window.localStorage.setItem(STORAGE_KEY, String(expiresAt))
  } catch (error) {
    // Private browsing can refuse storage; each tab then keeps its own time.
  }
}

function plural (count, word) {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

function describe (ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000))
  if (seconds >= 60) return plural(Math.ceil(seconds / 60), 'minute')
  return plural(seconds, 'second')
}

// Ask autosave.js to save every form with unsaved changes; wait (briefly) until it has.
function saveDrafts () {
  const promises = []
  document.dispatchEvent(new CustomEvent('tandem:save-drafts', { detail: { promises } }))
  const timeout = new Promise((resolve) => window.setTimeout(resolve, SAVE_WAIT_MS))
  return Promise.race([Promise.allSettled(promises), timeout])
}

function init (dialog) {
  const sessionMs = Number(dialog.dataset.sessionSeconds) * 1000
  const warningMs = Math.min(Number(dialog.dataset.warningSeconds) * 1000, sessionMs)
  if (!(sessionMs > 0)) return
  const heading = dialog.querySelector('#tandem-timeout-heading')
  const countdown = dialog.querySelector('[data-timeout-countdown]')
  const announce = dialog.querySelector('[data-timeout-announce]')
  const stayForm = dialog.querySelector('[data-timeout-stay-form]')
  const expiredForm = dialog.querySelector('[data-timeout-expired-form]')
  const token = stayForm.querySelector('input[name="csrfmiddlewaretoken"]')

  let expiresAt = Date.now() + sessionMs
  let warnTimer = null
  let tickTimer = null
  let lastSpoken = ''
  let lastSpokenAt = 0
  let returnFocusTo = null
  let ending = false

  writeShared(expiresAt)

  function schedule () {
    window.clearTimeout(warnTimer)
    window.clearTimeout(tickTimer)
    warnTimer = window.setTimeout(warn, Math.max(0, expiresAt - warningMs - Date.now()))
  }

  function refreshedElsewhere () {
    const shared = readShared()
    if (shared > expiresAt + 1000) {
      expiresAt = shared
      return true
    }
    return false
  }

  function close () {
    window.clearTimeout(tickTimer)
    if (dialog.open) dialog.close()
    announce.textContent = ''
    lastSpoken = ''
    if (returnFocusTo && typeof returnFocusTo.focus === 'function') returnFocusTo.focus()
    returnFocusTo = null
  }

  function warn () {
    if (dialog.open) return
    if (refreshedElsewhere()) {
      schedule()
      return
    }
    returnFocusTo = document.activeElement
    dialog.showModal()
    heading.focus()
    saveDrafts()
    tick()
  }

  function tick () {
    const left = expiresAt - Date.now()
    if (left <= 0) {
      end()
      return
    }
    const text = describe(left)
    countdown.textContent = text
    // Speak when the wording changes in minutes, and every 20 seconds in the last minute,
    // not every second.
    const now = Date.now()
    if (text !== lastSpoken && (left >= 60000 || now - lastSpokenAt >= 20000 || !lastSpoken)) {
      announce.textContent = `For your security, we will sign you out in ${text}.`
      lastSpoken = text
      lastSpokenAt = now
    }
    tickTimer = window.setTimeout(tick, 1000)
  }

  async function end () {
    if (ending) return
    if (refreshedElsewhere()) {
      close()
      schedule()
      return
    }
    ending = true
    await saveDrafts()
    expiredForm.submit()
  }

  async function stay () {
    try {
      const response = await fetch(stayForm.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'X-CSRFToken': token ? token.value : '' },
        body: new URLSearchParams(new FormData(stayForm))
      })
      if (!response.ok) throw new Error(`Session not extended: ${response.status}`)
      expiresAt = Date.now() + sessionMs
      writeShared(expiresAt)
      close()
      schedule()
    } catch (error) {
      end()
    }
  }

  stayForm.addEventListener('submit', (event) => {
    event.preventDefault()
    stay()
  })
  // Escape means "stay signed in", as in the GOV.UK pattern.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    stay()
  })
  // A draft saved, or anything else that reached the server, started the session's clock again.
  document.addEventListener('tandem:session-refreshed', () => {
    if (dialog.open || ending) return
    expiresAt = Date.now() + sessionMs
    writeShared(expiresAt)
    schedule()
  })
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY || ending || !refreshedElsewhere()) return
    if (!dialog.open) {
      schedule()
    } else if (expiresAt - Date.now() > warningMs) {
      close()
      schedule()
    }
    // Otherwise the open dialog simply counts down to the later time.
  })

  schedule()
}

const dialog = document.querySelector('[data-module="tandem-session-timeout"]')
if (dialog && typeof dialog.showModal === 'function') init(dialog)
