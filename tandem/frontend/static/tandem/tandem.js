// Progressive enhancement for Tandem. Every page works without JavaScript; this only adds
// GOV.UK Frontend's behaviour (show/hide password, character counts, tabs, accordions...).
//
// The import is relative on purpose: the page loads this module by its hashed name, and the
// relative path still reaches GOV.UK Frontend's own file, which collectstatic also keeps
// under its plain name.
import { initAll } from "../govuk-frontend/govuk-frontend.min.js";

initAll();
