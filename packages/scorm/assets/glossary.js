/*
 * Pattern Press player: the glossary page's links. A term in the text links
 * to its entry on the glossary page (a page of the player, hidden until
 * shown): following one opens that page through the navigation (player.js
 * keeps the bookmark and progress), focuses the entry, and offers a way back
 * to the page and the term the learner came from.
 */
(function () {
  'use strict';
  var nav = document.querySelector('nav.toc a[href="#page-glossary"]');
  var back = document.getElementById('pp-glossary-back');
  if (!nav || !back) return;
  var origin = null;

  function pageLinkOf(element) {
    var page = element.closest('section.page');
    return page ? document.querySelector('nav.toc a[href="#' + page.id + '"]') : null;
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('a.term') : null;
    if (!link) return;
    var entry = document.getElementById(link.getAttribute('href').slice(1));
    if (!entry) return;
    event.preventDefault();
    origin = { page: pageLinkOf(link), term: link };
    nav.click();
    back.parentNode.hidden = !origin.page;
    entry.focus();
    entry.scrollIntoView({ block: 'center' });
  });

  back.addEventListener('click', function () {
    if (!origin || !origin.page) return;
    var term = origin.term;
    origin.page.click();
    back.parentNode.hidden = true;
    term.focus();
    term.scrollIntoView({ block: 'center' });
    origin = null;
  });
})();
