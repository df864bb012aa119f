// Tells GOV.UK Frontend's styles that JavaScript runs (and whether its modules will), so the
// page is styled for it from the first paint. base.html loads this as a plain, blocking script
// straight after <body>: it runs before anything in the page is drawn. It is a file, not an inline
// script, so the Content Security Policy can forbid every inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
