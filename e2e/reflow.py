"""Reflow (WCAG 2.2, 1.4.10, level AA): at 320 CSS pixels wide, nothing makes the whole page
scroll sideways. A wide table may scroll inside its own focusable, labelled region; the page
itself never does.

``assert_reflows`` checks the page at the width it was opened at and again at 320 pixels, then
puts the width back. It measures the document, so it works with JavaScript off as well as on,
and names the elements that stick out so the failure says where to look.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, ViewportSize

NARROW: ViewportSize = {"width": 320, "height": 640}

# Runs in the page: how wide the document is against the window, and which elements reach past
# the right edge without being inside something that scrolls on its own.
_MEASURE_JS = """
() => {
  const root = document.documentElement;
  const view = root.clientWidth;
  // Whether something between el and the page scrolls (or clips) sideways and so holds el in.
  // An absolutely placed element (a visually hidden label, say) escapes every such box up to
  // the first one that is itself positioned.
  const scrollsItself = (el) => {
    const placed = getComputedStyle(el).position;
    let escapes = placed === 'absolute' || placed === 'fixed';
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      const clips = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
      if (clips && !escapes) return true;
      if (escapes && style.position !== 'static') {
        if (clips) return true;
        escapes = style.position === 'absolute' || style.position === 'fixed';
      }
    }
    return false;
  };
  const describe = (el) => {
    const id = el.id ? '#' + el.id : '';
    const classes = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '';
    return el.tagName.toLowerCase() + id + classes;
  };
  // How far right an element reaches, counting text that runs out of its box (a long address
  // with nowhere to break, say), which its own box does not show.
  const reach = (el) => {
    const box = el.getBoundingClientRect();
    const spill = getComputedStyle(el).overflowX === 'visible' ? Math.max(0, el.scrollWidth - el.clientWidth) : 0;
    return box.width === 0 ? 0 : box.right + spill;
  };
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = reach(el);
    if (right <= view + 1 || scrollsItself(el)) continue;
    // Name the innermost elements that stick out, not every box around them.
    const childSticksOut = [...el.children].some((child) => reach(child) > view + 1 && !scrollsItself(child));
    if (childSticksOut) continue;
    culprits.push(describe(el) + ' (reaches ' + Math.round(right) + 'px)');
    if (culprits.length >= 5) break;
  }
  return { document: root.scrollWidth, view, culprits };
}
"""


def reflow_problem(page: Page) -> str:
    """Why the page scrolls sideways at its current width ("" when it does not)."""
    measured: dict[str, Any] = page.evaluate(_MEASURE_JS)
    if measured["document"] <= measured["view"]:
        return ""
    where = "; ".join(measured["culprits"]) or "no single element found"
    return f"the page is {measured['document']}px wide in a {measured['view']}px window ({where})"


def assert_reflows(page: Page) -> None:
    """Fail if the page scrolls sideways at its own width or at 320 CSS pixels."""
    problems = []
    at_width = reflow_problem(page)
    if at_width:
        problems.append(f"at its own width: {at_width}")
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        narrow = reflow_problem(page)
    finally:
        if size is not None:
            page.set_viewport_size(size)
    if narrow:
        problems.append(f"at 320 CSS pixels: {narrow}")
    assert not problems, f"{page.url} scrolls sideways " + " and ".join(problems)
