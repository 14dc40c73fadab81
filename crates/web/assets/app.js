// Continuum: progressive enhancement only. Every page works without this
// file; with it, the register filters as you type, uploads show their
// progress, and import jobs update themselves.
(function () {
  'use strict';

  // Filtering as you type: the filter form asks the server for the results
  // fragment and swaps it in, keeping the address bar in step.
  function liveFilter(form) {
    var target = document.getElementById(form.getAttribute('data-live-filter'));
    var status = document.getElementById('filter-status');
    if (!target) { return; }
    var timer = null;
    var seq = 0;
    function run() {
      var params = new URLSearchParams(new FormData(form));
      params.delete('page');
      var url = form.getAttribute('action') + '?' + params.toString();
      var mine = ++seq;
      fetch(url + (params.toString() ? '&' : '') + 'fragment=results', {
        headers: { 'Accept': 'text/html' }, credentials: 'same-origin'
      }).then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        return r.text();
      }).then(function (html) {
        if (mine !== seq) { return; }
        target.innerHTML = html;
        window.history.replaceState(null, '', url);
        var count = target.querySelector('[data-count]');
        if (status && count) { status.textContent = count.textContent; }
      }).catch(function () { /* the form still works by submitting */ });
    }
    function later() { window.clearTimeout(timer); timer = window.setTimeout(run, 250); }
    form.addEventListener('input', function (e) {
      if (e.target && e.target.type === 'search') { later(); }
    });
    form.addEventListener('change', function (e) {
      if (e.target && e.target.tagName === 'SELECT') { later(); }
    });
  }

  // Upload progress: send the form with XMLHttpRequest so the bytes sent can
  // be shown, then follow the server's answer.
  function uploadProgress(form) {
    var box = document.getElementById(form.getAttribute('data-upload'));
    if (!box || !window.XMLHttpRequest || !window.FormData) { return; }
    form.addEventListener('submit', function (e) {
      var files = form.querySelector('input[type=file]');
      if (!files || !files.files || files.files.length === 0) { return; }
      e.preventDefault();
      var bar = box.querySelector('progress');
      var text = box.querySelector('.progress-text');
      box.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action'));
      xhr.upload.addEventListener('progress', function (ev) {
        if (!ev.lengthComputable) { return; }
        var pct = Math.round(100 * ev.loaded / ev.total);
        bar.value = pct;
        text.textContent = 'Uploaded ' + pct + '% (' + Math.round(ev.loaded / 1024) + ' of ' +
          Math.round(ev.total / 1024) + ' KB)';
      });
      xhr.upload.addEventListener('load', function () {
        bar.removeAttribute('value');
        text.textContent = 'Upload complete. Checking every row…';
      });
      xhr.addEventListener('load', function () {
        if (xhr.responseURL && xhr.responseURL !== window.location.href) {
          window.location.assign(xhr.responseURL);
        } else {
          document.open(); document.write(xhr.responseText); document.close();
        }
      });
      xhr.addEventListener('error', function () {
        text.textContent = 'The upload failed. Check your connection and try again.';
      });
      xhr.send(new FormData(form));
    });
  }

  // Import jobs: ask for the job's state every second, reload when it moves on.
  function poll(el) {
    var url = el.getAttribute('data-poll');
    var state = el.getAttribute('data-state');
    var since = Date.now();
    var clock = el.querySelector('.elapsed');
    function tick() {
      fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
        .then(function (r) { return r.json(); })
        .then(function (j) {
          if (j.state !== state) { window.location.reload(); return; }
          if (clock) { clock.textContent = Math.round((Date.now() - since) / 1000) + ' seconds'; }
          window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 1000);
  }

  // An error summary takes focus when the page loads, so screen readers
  // announce it first.
  function focusErrors() {
    var s = document.querySelector('.error-summary');
    if (s) { s.focus(); }
  }

  document.documentElement.className += ' js-enabled';
  Array.prototype.forEach.call(document.querySelectorAll('form[data-live-filter]'), liveFilter);
  Array.prototype.forEach.call(document.querySelectorAll('form[data-upload]'), uploadProgress);
  Array.prototype.forEach.call(document.querySelectorAll('[data-poll]'), poll);
  focusErrors();
})();
