// Legwork's progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Signup: send the browser's timezone so weeks start at the runner's own midnight.
  function fillTimezone() {
    var field = document.querySelector('input[type="hidden"][name="timezone"]');
    if (!field || field.value) return;
    try {
      field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      field.value = "";
    }
  }

  document.addEventListener("DOMContentLoaded", fillTimezone);
})();
