// What every page needs, without inline scripts (the Content-Security-Policy allows none).
document.addEventListener("change", function (event) {
  // the language list submits its form as soon as a language is chosen
  if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
