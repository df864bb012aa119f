// Autosave: keep a draft of any <form data-autosave> on the server as people type.
//
// A few seconds after the last change, when the page is hidden (another tab, phone locked),
// and when the session-timeout warning asks, the form's fields are posted to drafts:save with
// the page's path. A polite live region inside the form says "Draft saved at 14:05".
// Passwords and files are never sent. Without JavaScript nothing here runs; a form posted
// after the session ended is still kept (see RescueExpiredPostMiddleware).

const DELAY_MS = 3000
// Browsers refuse "keepalive" requests with bodies over 64 KB.
const KEEPALIVE_LIMIT = 60000
const savers = new WeakMap()

function draftsUrl () {
  const holder = document.querySelector('[data-drafts-url]')
  return (holder && holder.dataset.draftsUrl) || '/drafts/'
}

function timeNow () {
  return new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
}

function statusRegion (form) {
  let region = form.querySelector('[data-autosave-status]')
  if (!region) {
    region = document.createElement('p')
    region.className = 'govuk-body-s tandem-autosave-status'
    region.setAttribute('data-autosave-status', '')
    form.appendChild(region)
  }
  // Present (and empty) from the start, so screen readers announce later changes politely.
  region.setAttribute('role', 'status')
  region.setAttribute('aria-live', 'polite')
  return region
}

function formBody (form) {
  const body = new URLSearchParams()
  const passwords = new Set(
    Array.from(form.querySelectorAll('input[type="password"]')).map((input) => input.name)
  )
  for (const [name, value] of new FormData(form)) {
    if (typeof value !== 'string' || passwords.has(name) || name === 'draft_path') continue
    body.append(name, value)
  }
  body.append('draft_path', window.location.pathname)
  return body
}

function setUp (form) {
  const region = statusRegion(form)
  let dirty = false
  let submitting = false
  let timer = null
  let inFlight = null

  async function save ({ keepalive = false } = {}) {
    window.clearTimeout(timer)
    if (!dirty || submitting) return inFlight
    dirty = false
    const body = formBody(form)
    const token = body.get('csrfmiddlewaretoken') || ''
    inFlight = fetch(draftsUrl(), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRFToken': token },
      body,
      keepalive: keepalive && body.toString().length < KEEPALIVE_LIMIT
    })
      .then((response) => {
        if (response.status === 204) {
          region.textContent = `Draft saved at ${timeNow()}`
          document.dispatchEvent(new CustomEvent('tandem:session-refreshed'))
        } else {
          dirty = true
          if (response.status === 401) {
            region.textContent = 'We could not save a draft because you have been signed out. Sign in again before you carry on.'
          }
        }
      })
      .catch(() => {
        // Offline or the server did not answer: try again with the next change.
        dirty = true
      })
    return inFlight
  }

  function changed () {
    if (submitting) return
    dirty = true
    window.clearTimeout(timer)
    timer = window.setTimeout(save, DELAY_MS)
  }

  form.addEventListener('input', changed)
  form.addEventListener('change', changed)
  form.addEventListener('submit', () => {
    // The real save is happening; the draft is cleared by the page once it succeeds.
    submitting = true
    window.clearTimeout(timer)
  })
  savers.set(form, save)
}

const forms = Array.from(document.querySelectorAll('form[data-autosave]'))
forms.forEach(setUp)

function saveAll (options) {
  return forms.map((form) => savers.get(form)(options)).filter(Boolean)
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveAll({ keepalive: true })
})
window.addEventListener('pagehide', () => saveAll({ keepalive: true }))
// The session-timeout warning asks for every unsaved change to be kept before time runs out.
document.addEventListener('tandem:save-drafts', (event) => {
  const promises = saveAll({ keepalive: true })
  if (event.detail && Array.isArray(event.detail.promises)) event.detail.promises.push(...promises)
})
