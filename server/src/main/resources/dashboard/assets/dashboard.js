// kycert dashboard: small progressive enhancement. Every page works without it; the CSP allows no
// inline script, so all behaviour lives in this file.
(function () {
  'use strict';

  // Copy button for the key shown once.
  document.querySelectorAll('[data-copy-target]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var target = document.getElementById(button.getAttribute('data-copy-target'));
      var text = target.textContent.trim();
      var done = function () {
        var reveal = button.closest('[data-reveal]');
        if (reveal) { reveal.setAttribute('data-copied', 'true'); }
        button.textContent = button.getAttribute('data-copied-label');
      };
      var fallback = function () {
        var range = document.createRange();
        range.selectNodeContents(target);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        try { document.execCommand('copy'); } catch (e) { /* the text stays selected for Ctrl+C */ }
        done();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  // Closing the key's page before copying it asks first: the key is never shown again.
  document.querySelectorAll('[data-reveal]').forEach(function (reveal) {
    var copied = function () { return reveal.getAttribute('data-copied') === 'true'; };
    var leaving = false;
    reveal.querySelectorAll('[data-confirm-uncopied]').forEach(function (link) {
      link.addEventListener('click', function (event) {
        if (!copied() && !window.confirm(link.getAttribute('data-confirm-uncopied'))) {
          event.preventDefault();
          return;
        }
        leaving = true;
      });
    });
    window.addEventListener('beforeunload', function (event) {
      if (!copied() && !leaving) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
  });

  // A key needs at least one scope: say so before the server does.
  document.querySelectorAll('form[data-needs-scope]').forEach(function (form) {
    var message = document.getElementById('scope-required');
    form.querySelectorAll('input[name="scopes"]').forEach(function (box) {
      box.addEventListener('change', function () {
        if (message && form.querySelector('input[name="scopes"]:checked')) { message.hidden = true; }
      });
    });
    form.addEventListener('submit', function (event) {
      if (!form.querySelector('input[name="scopes"]:checked')) {
        event.preventDefault();
        if (message) { message.hidden = false; message.focus(); }
      }
    });
  });
})();
