// Progressive enhancement only: every page works with JavaScript off.
// Loaded as a module, so browsers that cannot run govuk-frontend never get here
// (the base template adds `govuk-frontend-supported` only when modules are supported).
import { initAll } from "./govuk-frontend.min.js";

initAll();
