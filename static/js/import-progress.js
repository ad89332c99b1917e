// A large import is written in steps (apps/portability/services.py, import_commit): while one
// is under way, its page posts the next step as soon as it shows, with the page's own form, so
// the runner watches the progress grow; the button stays for when this cannot run.
document.querySelectorAll("form[data-auto-submit]").forEach((form) => {
  form.querySelector("button").disabled = true;
  form.submit();
});
