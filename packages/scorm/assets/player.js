/*
 * Pattern Press SCORM player. One classic script, no dependencies, so it runs
 * from file://, inside an LMS iframe, and in old LMS browsers alike.
 * The package says which SCORM version it speaks (<html data-scorm>); the
 * content and the quiz come from the JSON in #pp-data.
 */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('pp-data').textContent);
  var v2004 = data.version === '2004';
  var apiName = v2004 ? 'API_1484_11' : 'API';
  var letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  var startedAt = Date.now();
  document.documentElement.className += ' js';

  /** A sentence of the strings table (src/strings.ts) with its {values} put in. */
  function t(name, values) {
    return String(data.strings[name]).replace(/\{(\w+)\}/g, function (whole, key) { return values && key in values ? String(values[key]) : whole; });
  }

  // ---------- API discovery: parents first, then the opener (ADL's algorithm) ----------

  function scan(win) {
    var depth = 0;
    try {
      while (win && !win[apiName] && win.parent && win.parent !== win && depth < 500) {
        depth++;
        win = win.parent;
      }
      return win && win[apiName] ? win[apiName] : null;
    } catch (error) {
      return null; // a cross-origin frame ends the walk
    }
  }

  function findApi() {
    var api = scan(window);
    try {
      if (!api && window.opener) api = scan(window.opener);
      if (!api && window.top && window.top.opener) api = scan(window.top.opener);
    } catch (error) {
      /* opener from another origin */
    }
    return api;
  }

  // ---------- The LMS, whichever version ----------

  var el = v2004
    ? { location: 'cmi.location', suspend: 'cmi.suspend_data', entry: 'cmi.entry', exit: 'cmi.exit', session: 'cmi.session_time', score: 'cmi.score.' }
    : { location: 'cmi.core.lesson_location', suspend: 'cmi.suspend_data', entry: 'cmi.core.entry', exit: 'cmi.core.exit', session: 'cmi.core.session_time', score: 'cmi.core.score.' };

  // Every call's result is checked: a refused call is remembered with the runtime's own error (GetLastError),
  // a failed commit is tried again, and what the learner is told follows what the LMS answered.
  var lms = {
    api: null,
    initialized: false,
    finished: false,
    refused: null, // { code, text } when Initialize was refused
    unsaved: null, // { code, text } while the last commit failed
    pendingCommit: null,
    fn: function (name) {
      return (v2004 ? '' : 'LMS') + name;
    },
    error: function () {
      var code = '';
      var text = '';
      try {
        code = String(this.api[this.fn('GetLastError')]());
        text = String(this.api[this.fn('GetErrorString')](code) || '');
      } catch (error) {
        text = String(error && error.message ? error.message : error);
      }
      return { code: code, text: text };
    },
    call: function (name, a, b) {
      if (!this.api || !this.initialized || this.finished) return '';
      try {
        return String(arguments.length > 2 ? this.api[this.fn(name)](a, b) : this.api[this.fn(name)](a));
      } catch (error) {
        return 'false';
      }
    },
    start: function () {
      this.api = findApi();
      if (!this.api) return false;
      var ok = 'false';
      try {
        ok = String(this.api[this.fn('Initialize')](''));
      } catch (error) {
        /* a broken API is a refusal too */
      }
      this.initialized = ok === 'true';
      if (!this.initialized) this.refused = this.error();
      return this.initialized;
    },
    get: function (name) {
      return this.call('GetValue', name);
    },
    set: function (name, value) {
      var result = this.call('SetValue', name, String(value));
      if (result === 'false') this.problems.push({ element: name, error: this.error() });
      return result === 'true';
    },
    problems: [],
    /** Commit, tried up to three times; true once the LMS has it. */
    commit: function () {
      if (!this.initialized || this.finished) return false;
      if (this.pendingCommit !== null) {
        clearTimeout(this.pendingCommit);
        this.pendingCommit = null;
      }
      for (var tries = 0; tries < 3; tries++) {
        if (this.call('Commit', '') === 'true') {
          this.unsaved = null;
          return true;
        }
        this.unsaved = this.error();
      }
      saveProblem();
      return false;
    },
    // Terminate/LMSFinish exactly once, and only once what it ends is saved; 2004 never commits right before
    // Terminate (Terminate commits itself) unless an earlier commit failed. force: the page is going away.
    finish: function (force) {
      if (!this.api || !this.initialized || this.finished) return false;
      if (this.pendingCommit !== null) {
        clearTimeout(this.pendingCommit);
        this.pendingCommit = null;
      }
      if ((!v2004 || this.unsaved) && !this.commit() && !force) return false;
      var ended = this.call(v2004 ? 'Terminate' : 'Finish', '') === 'true';
      if (!ended) {
        this.unsaved = this.error();
        if (!force) {
          // The session is still open: save again, then end it.
          if (this.commit()) ended = this.call(v2004 ? 'Terminate' : 'Finish', '') === 'true';
          if (!ended) return false;
        }
      }
      this.finished = true;
      return ended && !this.unsaved;
    },
  };

  // ---------- Times in each version's format ----------

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) text = '0' + text;
    return text;
  }

  /** 1.2 CMITimespan HHHH:MM:SS.SS; 2004 ISO 8601 duration PT#H#M#S. */
  function timespan(ms) {
    var centis = Math.max(0, Math.round(ms / 10));
    var hours = Math.floor(centis / 360000);
    var minutes = Math.floor((centis % 360000) / 6000);
    var seconds = (centis % 6000) / 100;
    if (v2004) return 'PT' + hours + 'H' + minutes + 'M' + seconds.toFixed(2).replace(/\.?0+$/, '') + 'S';
    return pad(Math.min(hours, 9999), 4) + ':' + pad(minutes, 2) + ':' + pad(seconds.toFixed(2), 5);
  }

  /** 1.2 CMITime HH:MM:SS; 2004 timestamp YYYY-MM-DDThh:mm:ss. */
  function clock(date) {
    var time = pad(date.getHours(), 2) + ':' + pad(date.getMinutes(), 2) + ':' + pad(date.getSeconds(), 2);
    if (!v2004) return time;
    return date.getFullYear() + '-' + pad(date.getMonth() + 1, 2) + '-' + pad(date.getDate(), 2) + 'T' + time;
  }

  // ---------- Numbers: read as the module's language writes them, written as plain decimals ----------

  function separators(lang) {
    var found = { group: ',', decimal: '.' };
    try {
      new Intl.NumberFormat(lang).formatToParts(12345.6).forEach(function (part) {
        if (part.type === 'group') found.group = part.value;
        if (part.type === 'decimal') found.decimal = part.value;
      });
    } catch (error) {
      /* no Intl: English conventions */
    }
    return found;
  }

  var numberStyle = separators(document.documentElement.lang || 'en');

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  /**
   * A number as a learner of the module's language types it: its group separator (or any space) only between
   * groups of three digits, its decimal mark. NaN for anything else: "1,20" in English is not read as 1.2 or 120.
   */
  function parseNumber(text) {
    var value = String(text).replace(/^\s+|\s+$/g, '').replace(/^[\u2212\u2013]/, '-');
    var group = '(?:[ \u00a0\u202f\u2009]|' + escapeRegExp(numberStyle.group) + ')';
    var decimal = escapeRegExp(numberStyle.decimal);
    var grouped = new RegExp('^([+-]?)(\\d{1,3}(?:' + group + '\\d{3})+)(?:' + decimal + '(\\d+))?$');
    var plainNumber = new RegExp('^([+-]?)(\\d*)(?:' + decimal + '(\\d+))?$');
    var match = grouped.exec(value) || plainNumber.exec(value);
    if (!match || (match[2] === '' && match[3] === undefined)) return NaN;
    return Number(match[1] + (match[2].replace(/\D/g, '') || '0') + (match[3] !== undefined ? '.' + match[3] : ''));
  }

  /** How the learner should write a number: 1,234.5 in English, 1.234,5 in German. */
  function numberExample() {
    return '1' + numberStyle.group + '234' + numberStyle.decimal + '5';
  }

  /** A plain decimal (never exponent notation) with at most `digits` decimals: what the CMI data model accepts. */
  function decimal(number, digits) {
    if (!isFinite(number)) return '0';
    var text = Number(number).toFixed(digits);
    if (text.indexOf('.') >= 0) text = text.replace(/0+$/, '').replace(/\.$/, '');
    return text === '-0' ? '0' : text;
  }

  // ---------- The sealed answer key (see src/sealed.ts) ----------

  /** xorshift32 seeded by an FNV-1a hash of the text: the same stream as src/sealed.ts draws. */
  function seededRandom(seed) {
    var state = 0x811c9dc5;
    for (var i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    if (state === 0) state = 1;
    return function () {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      return state;
    };
  }

  function unseal(sealed, seed) {
    var random = seededRandom(seed);
    var table = [];
    for (var c = 0; c < 95; c++) table.push(c + 32);
    for (var j = 94; j > 0; j--) {
      var other = random() % (j + 1);
      var swap = table[j];
      table[j] = table[other];
      table[other] = swap;
    }
    var inverse = [];
    table.forEach(function (code, index) { inverse[code - 32] = index + 32; });
    var text = '';
    for (var k = 0; k < sealed.length; k++) {
      var code = sealed.charCodeAt(k);
      text += code >= 32 && code < 127 ? String.fromCharCode(inverse[code - 32]) : sealed.charAt(k);
    }
    return JSON.parse(text);
  }

  /** The answer key, read only when grading or when the model answers may be shown. */
  function answerKey() {
    return unseal(data.key, data.slug + '|' + data.version);
  }

  // ---------- Shuffling: one order per learner and attempt, so a resume shows the same one ----------

  /** Moves the children of `parent` that match `selector` into the order the seed draws (Fisher-Yates). */
  function shuffleChildren(parent, selector, random) {
    var nodes = Array.prototype.filter.call(parent.children, function (node) { return node.matches(selector); });
    if (nodes.length < 2) return;
    var anchor = nodes[nodes.length - 1].nextSibling;
    for (var i = nodes.length - 1; i > 0; i--) {
      var j = random() % (i + 1);
      var swap = nodes[i];
      nodes[i] = nodes[j];
      nodes[j] = swap;
    }
    nodes.forEach(function (node) { parent.insertBefore(node, anchor); });
  }

  // ---------- State and its compact suspend_data encoding ----------

  var assessment = data.assessment || { attempts: null, showAnswers: 'final', result: 'best' };
  var state = { visited: data.pages.map(function () { return false; }), page: 0, attempts: 0, score: -1, best: -1, graded: false, answers: [] };

  function indexChar(index) {
    return index >= 0 && index < letters.length ? letters.charAt(index) : '_';
  }

  function idsOf(question) {
    var shape = question.shape;
    return shape.choices || shape.items || shape.targets || shape.states || [];
  }

  function encodeAnswer(question, response) {
    if (response === null || response === undefined) return '';
    var ids = idsOf(question);
    var at = function (id) { return indexChar(ids.indexOf(id)); };
    switch (question.type) {
      case 'single': return at(response);
      case 'multiple': case 'ordering': case 'sequence': return response.map(at).join('');
      case 'matching': return question.shape.sources.map(function (s) { return at(response[s] || ''); }).join('');
      case 'numeric': return encodeURIComponent(String(response)).slice(0, 48);
    }
    return '';
  }

  function decodeAnswer(question, text, version) {
    if (!text) return null;
    var ids = idsOf(question);
    var chars = text.split('').map(function (c) { var i = letters.indexOf(c); return i >= 0 && i < ids.length ? ids[i] : ''; });
    switch (question.type) {
      case 'single': return chars[0] || null;
      case 'multiple': case 'ordering': case 'sequence': return chars;
      case 'matching': {
        var map = {};
        question.shape.sources.forEach(function (s, i) { map[s] = chars[i] || ''; });
        return map;
      }
      case 'numeric':
        try {
          return version === '1' ? text : decodeURIComponent(text);
        } catch (error) {
          return text;
        }
    }
    return null;
  }

  /** 2|visited bits|attempts|last score|best score|last attempt graded|answers: tens of characters, far below 1.2's 4096. */
  function encodeState() {
    var head = ['2', state.visited.map(function (seen) { return seen ? '1' : '0'; }).join(''), state.attempts, state.score, state.best, state.graded ? '1' : '0'].join('|');
    var answers = data.questions.map(function (question, i) { return encodeAnswer(question, state.answers[i]); }).join(',');
    var full = head + '|' + answers;
    return full.length <= 4096 ? full : head + '|';
  }

  function decodeState(text) {
    var fields = String(text || '').split('|');
    if (fields[0] !== '1' && fields[0] !== '2') return;
    var v1 = fields[0] === '1';
    var bits = fields[1] || '';
    var number = function (field) { return field === undefined || field === '' ? -1 : Number(field); };
    state.visited = data.pages.map(function (_, i) { return bits.charAt(i) === '1'; });
    state.attempts = parseInt(fields[2], 10) || 0;
    state.score = number(fields[3]);
    state.best = v1 ? state.score : number(fields[4]);
    state.graded = v1 ? state.attempts > 0 : fields[5] === '1';
    var answers = ((v1 ? fields[4] : fields[6]) || '').split(',');
    state.answers = data.questions.map(function (question, i) { return decodeAnswer(question, answers[i], fields[0]); });
  }

  // ---------- Status ----------

  /** normal, browse or review: only a normal session records anything. */
  var lessonMode = 'normal';
  /** The pass mark in percent: the LMS's mastery score when it gives one, else the package's. */
  var passMark = data.passMark;

  function recording() {
    return lms.initialized && lessonMode === 'normal';
  }

  /** The share of the pages the learner must see that were seen (SCORM 2004's progress). */
  function requiredSeen() {
    var required = data.pages.filter(function (page) { return !page.optional; });
    var seen = required.filter(function (page) { return state.visited[data.pages.indexOf(page)]; });
    return required.length === 0 ? 1 : seen.length / required.length;
  }

  /** Every page the learner must see was seen (a reference page, the glossary, is optional). */
  function allVisited() {
    return state.visited.every(function (seen, i) { return seen || data.pages[i].optional; });
  }

  /** The score the LMS keeps: the best attempt's, or the last one's where the module says so. */
  function recordedScore() {
    return assessment.result === 'last' ? state.score : state.best;
  }

  function passedNow() {
    if (passMark === null) return allVisited();
    return recordedScore() >= 0 && recordedScore() >= passMark;
  }

  function attemptsLeft() {
    return assessment.attempts === null ? Infinity : Math.max(0, assessment.attempts - state.attempts);
  }

  /** Done with this SCO: every page seen, and the quiz passed or out of attempts. Until then the attempt is suspended. */
  function finishedWithModule() {
    return allVisited() && (passMark === null || passedNow() || attemptsLeft() === 0);
  }

  function save(commit) {
    if (!lms.initialized) return;
    lms.set(el.location, data.pages[state.page].id);
    if (!recording()) return;
    lms.set(el.suspend, encodeState());
    if (v2004) lms.set('cmi.progress_measure', decimal(requiredSeen(), 2));
    if (allVisited()) markCompleted();
    if (commit) lms.commit();
  }

  function markCompleted() {
    if (v2004) {
      lms.set('cmi.completion_status', 'completed');
      // Without a quiz, reading every page is what satisfies the module (and unlocks the modules that depend on it).
      if (data.passMark === null) lms.set('cmi.success_status', 'passed');
    } else if (data.passMark === null) {
      lms.set('cmi.core.lesson_status', 'completed');
    }
  }

  // ---------- Pages ----------

  var sections = Array.prototype.slice.call(document.querySelectorAll('section.page'));
  var navLinks = Array.prototype.slice.call(document.querySelectorAll('nav.toc a'));
  var prev = document.getElementById('pp-prev');
  var next = document.getElementById('pp-next');
  var progress = document.getElementById('pp-progress');

  /** With a linear module, the content pages not seen yet (the quiz stays closed until there are none). */
  function unseenBeforeQuiz() {
    return data.pages.filter(function (page, i) { return page.id !== 'quiz' && !page.optional && !state.visited[i]; });
  }

  function quizClosed(index) {
    return assessment.linear && data.pages[index] && data.pages[index].id === 'quiz' && unseenBeforeQuiz().length > 0;
  }

  function show(index, focus) {
    index = Math.max(0, Math.min(index, sections.length - 1));
    if (quizClosed(index)) {
      var unseen = unseenBeforeQuiz();
      var titles = unseen.map(function (page) { return t('quoted', { title: page.title }); }).join(t('listSeparator'));
      resume.textContent = t(unseen.length === 1 ? 'quizClosedOne' : 'quizClosedMany', { pages: titles });
      resume.hidden = false;
      if (sections[state.page].hidden) index = state.page;
      else return;
    }
    state.page = index;
    state.visited[state.page] = true;
    sections.forEach(function (section, i) { section.hidden = i !== state.page; });
    navLinks.forEach(function (link, i) {
      if (i === state.page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      link.parentNode.className = state.visited[i] ? 'visited' : '';
      if (quizClosed(i)) link.setAttribute('aria-disabled', 'true');
      else link.removeAttribute('aria-disabled');
    });
    prev.disabled = state.page === 0;
    next.disabled = state.page === sections.length - 1;
    progress.textContent = t('pageOf', { page: state.page + 1, pages: sections.length });
    if (data.pages[state.page].id === 'quiz') quizShown();
    save(true);
    if (focus) {
      var heading = sections[state.page].querySelector('h2');
      if (heading) heading.focus();
      window.scrollTo(0, 0);
    }
  }

  prev.addEventListener('click', function () { show(state.page - 1, true); });
  next.addEventListener('click', function () { show(state.page + 1, true); });
  navLinks.forEach(function (link, i) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      show(i, true);
    });
  });

  // ---------- Quiz ----------

  var form = document.querySelector('form.quiz');
  var questionShownAt = 0;
  var firstResponseAt = {};

  function quizShown() {
    if (questionShownAt === 0) questionShownAt = Date.now();
  }

  function field(name) {
    return form.querySelectorAll('[name="' + name + '"]');
  }

  function valueOf(name) {
    var node = field(name)[0];
    return node ? node.value : '';
  }

  function readResponse(question) {
    var name = 'q-' + question.id;
    var shape = question.shape;
    switch (question.type) {
      case 'single': {
        var checked = form.querySelector('[name="' + name + '"]:checked');
        return checked ? checked.value : null;
      }
      case 'multiple':
        return Array.prototype.slice.call(field(name)).filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      case 'ordering':
        return shape.items.map(function (_, i) { return valueOf(name + '-' + i); });
      case 'sequence': {
        var steps = [];
        for (var i = 0; i < shape.stepCount; i++) steps.push(valueOf(name + '-' + i));
        return steps;
      }
      case 'matching': {
        var map = {};
        shape.sources.forEach(function (s) { map[s] = valueOf(name + '-' + s); });
        return map;
      }
      case 'numeric':
        return valueOf(name).replace(/^\s+|\s+$/g, '');
    }
    return null;
  }

  function writeResponse(question, response) {
    if (response === null || response === undefined) return;
    var name = 'q-' + question.id;
    var setSelect = function (fieldName, value) { var node = field(fieldName)[0]; if (node) node.value = value || ''; };
    switch (question.type) {
      case 'single': case 'multiple':
        Array.prototype.forEach.call(field(name), function (input) {
          input.checked = question.type === 'single' ? input.value === response : response.indexOf(input.value) >= 0;
        });
        break;
      case 'ordering': case 'sequence':
        response.forEach(function (value, i) { setSelect(name + '-' + i, value); });
        break;
      case 'matching':
        question.shape.sources.forEach(function (s) { setSelect(name + '-' + s, response[s]); });
        break;
      case 'numeric':
        setSelect(name, response);
        break;
    }
  }

  function isAnswered(question, response) {
    switch (question.type) {
      case 'single': return response !== null;
      case 'multiple': return response.length > 0;
      case 'ordering': case 'sequence': return response.every(function (value) { return value !== ''; });
      case 'matching': return question.shape.sources.every(function (s) { return response[s] !== ''; });
      case 'numeric': return response !== '';
    }
    return false;
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (value, i) { return value === b[i]; });
  }

  function isCorrect(question, answer, response) {
    switch (question.type) {
      case 'single': return response === answer.correct;
      case 'multiple': return sameList(response.slice().sort(), answer.correct.slice().sort());
      case 'ordering': return sameList(response, answer.correct);
      case 'sequence': return sameList(response, answer.steps.map(function (step) { return step.state; }));
      case 'matching':
        return answer.sources.every(function (s) {
          var pair = answer.correct.filter(function (p) { return p.source === s.id; })[0];
          return pair ? response[s.id] === pair.target : true;
        });
      case 'numeric':
        return Math.abs(parseNumber(response) - answer.correct) <= (answer.tolerance || 0) + 1e-9;
    }
    return false;
  }

  // ----- Interaction records: 1.2 single-character choices within its length limits; 2004 identifiers -----

  function letterOf(ids, id) {
    return indexChar(ids.indexOf(id));
  }

  function interactionType(question) {
    return {
      single: 'choice',
      multiple: 'choice',
      ordering: 'sequencing',
      matching: 'matching',
      numeric: 'numeric',
      sequence: v2004 ? 'long-fill-in' : 'fill-in',
    }[question.type];
  }

  /** A response (learner's or correct) in the version's CMI format. */
  function formatResponse(question, response) {
    var shape = question.shape;
    var list = v2004 ? '[,]' : ',';
    switch (question.type) {
      case 'single':
        return v2004 ? response : letterOf(shape.choices, response);
      case 'multiple': case 'ordering': {
        var all = idsOf(question);
        return response.map(function (id) { return v2004 ? id : letterOf(all, id); }).join(list);
      }
      case 'matching':
        return shape.sources
          .filter(function (s) { return response[s]; })
          .map(function (s) {
            return v2004 ? s + '[.]' + response[s] : letterOf(shape.sources, s) + '.' + letterOf(shape.targets, response[s]);
          })
          .join(list);
      case 'numeric':
        return decimal(typeof response === 'number' ? response : parseNumber(response), 7);
      case 'sequence': {
        // States are identifiers (no spaces), so a space separates them unambiguously; runtimes refuse commas in long-fill-in.
        var text = response.join(' ');
        if (v2004 || text.length <= 255) return text;
        return response.map(function (s) { return letterOf(shape.states, s); }).join(' ');
      }
    }
    return '';
  }

  function correctResponse(question, answer) {
    switch (question.type) {
      case 'single': case 'multiple': case 'ordering':
        return formatResponse(question, answer.correct);
      case 'matching': {
        var map = {};
        answer.correct.forEach(function (pair) { map[pair.source] = pair.target; });
        return formatResponse(question, map);
      }
      case 'numeric': {
        if (!v2004) return decimal(answer.correct, 7);
        var tolerance = answer.tolerance || 0;
        return decimal(answer.correct - tolerance, 7) + '[:]' + decimal(answer.correct + tolerance, 7);
      }
      case 'sequence':
        // No {case_matters} delimiter: states come from a list, and runtimes (scorm-again) refuse delimiters on long-fill-in.
        return formatResponse(question, answer.steps.map(function (step) { return step.state; }));
    }
    return '';
  }

  function recordInteraction(question, answer, response, correct, now) {
    var n = parseInt(lms.get('cmi.interactions._count'), 10) || 0;
    var base = 'cmi.interactions.' + n + '.';
    var shown = firstResponseAt[question.id] || now;
    lms.set(base + 'id', question.id);
    lms.set(base + 'type', interactionType(question));
    if (v2004) {
      lms.set(base + 'description', question.title.slice(0, 250));
      lms.set(base + 'timestamp', clock(new Date(now)));
    } else {
      lms.set(base + 'time', clock(new Date(now)));
    }
    (question.outcomes || []).forEach(function (outcome, k) { lms.set(base + 'objectives.' + k + '.id', objectiveId(outcome)); });
    lms.set(base + 'weighting', decimal(question.points, 7));
    lms.set(base + 'correct_responses.0.pattern', correctResponse(question, answer));
    lms.set(base + (v2004 ? 'learner_response' : 'student_response'), formatResponse(question, response));
    lms.set(base + 'result', correct ? 'correct' : v2004 ? 'incorrect' : 'wrong');
    lms.set(base + 'latency', timespan(Math.max(0, shown - questionShownAt)));
  }

  var quizProblem = form && form.querySelector('.quiz-problem');
  var quizResult = form && form.querySelector('.quiz-result');
  var retry = form && form.querySelector('.retry');
  var submit = form && form.querySelector('button[type="submit"]');

  function attemptText() {
    return assessment.attempts === null ? t('attempt', { attempt: state.attempts }) : t('attemptOf', { attempt: state.attempts, attempts: assessment.attempts });
  }

  /** Model answers: after every submission, never, or (default) once passed or out of attempts. */
  function answersMayShow() {
    if (assessment.showAnswers === 'always') return true;
    if (assessment.showAnswers === 'never') return false;
    return passedNow() || attemptsLeft() === 0;
  }

  /** Locks or unlocks the answers; a graded attempt stays as it was submitted. */
  function lockQuiz(locked) {
    Array.prototype.forEach.call(form.querySelectorAll('input, select'), function (node) { node.disabled = locked; });
    submit.disabled = locked;
  }

  /** Marks each question right or wrong, shows the model answers if they may be, and locks the form. */
  function showGraded(key, verdicts) {
    var reveal = answersMayShow();
    data.questions.forEach(function (question, i) {
      var box = document.getElementById('question-' + question.id);
      box.className = 'question ' + (verdicts[i] ? 'right' : 'wrong');
      box.querySelector('.verdict').textContent = t(verdicts[i] ? 'verdictRight' : 'verdictWrong');
      var feedback = box.querySelector('.feedback');
      if (reveal && feedback.hidden) feedback.innerHTML = key[i].feedback;
      feedback.hidden = !reveal;
    });
    form.className = 'quiz graded';
    lockQuiz(true);
    retry.hidden = attemptsLeft() === 0;
  }

  function verdictsOf(key, responses) {
    return data.questions.map(function (question, i) {
      return responses[i] !== null && responses[i] !== undefined && isCorrect(question, key[i].answer, responses[i]);
    });
  }

  function scoreLine(score) {
    return t(score >= passMark ? 'scorePassed' : 'scoreNotPassed', { score: score, mark: passMark });
  }

  function showLastResult() {
    if (!form || state.score < 0) return;
    var best = assessment.result === 'best' && state.best > state.score ? t('yourBest', { best: state.best }) : '';
    var noMore = attemptsLeft() === 0 ? t('noAttemptsLeft') : '';
    quizResult.textContent = t('lastScore', { line: scoreLine(state.score) }) + best + attemptText() + noMore;
  }

  // ----- Learning outcomes as LMS objectives: an LMS can report mastery per outcome -----

  function objectiveId(outcome) {
    return data.slug + '.' + outcome;
  }

  /** Index of the objective with this id in cmi.objectives, appended when the LMS has none yet. */
  function objectiveIndex(id) {
    var count = parseInt(lms.get('cmi.objectives._count'), 10) || 0;
    for (var n = 0; n < count; n++) if (lms.get('cmi.objectives.' + n + '.id') === id) return n;
    lms.set('cmi.objectives.' + count + '.id', id);
    return count;
  }

  /** Each outcome's share of the points of the questions citing it, written with its status. */
  function recordObjectives(verdicts) {
    (data.outcomes || []).forEach(function (outcome) {
      var earned = 0;
      var total = 0;
      data.questions.forEach(function (question, i) {
        if ((question.outcomes || []).indexOf(outcome.id) < 0) return;
        total += question.points;
        if (verdicts[i]) earned += question.points;
      });
      if (total === 0) return;
      var score = Math.round((10000 * earned) / total) / 100;
      var base = 'cmi.objectives.' + objectiveIndex(objectiveId(outcome.id)) + '.';
      lms.set(base + 'score.min', 0);
      lms.set(base + 'score.max', 100);
      lms.set(base + 'score.raw', decimal(score, 2));
      if (v2004) {
        lms.set(base + 'description', outcome.text.slice(0, 250));
        lms.set(base + 'score.scaled', decimal(score / 100, 4));
        lms.set(base + 'success_status', score >= passMark ? 'passed' : 'failed');
        lms.set(base + 'completion_status', 'completed');
      } else {
        lms.set(base + 'status', score >= passMark ? 'passed' : 'failed');
      }
    });
  }

  var learnerId = '';

  /** The attempt on screen: the one graded last, or the next. */
  function attemptOnScreen() {
    return state.graded ? state.attempts : state.attempts + 1;
  }

  /** Questions and their choices in this learner's order for the attempt on screen (authored order without shuffle). */
  function orderQuiz() {
    if (!form || !assessment.shuffle) return;
    var random = seededRandom(data.slug + '|' + learnerId + '|' + attemptOnScreen());
    shuffleChildren(form, 'fieldset.question', random);
    Array.prototype.forEach.call(form.querySelectorAll('ul.choices'), function (list) { shuffleChildren(list, 'li', random); });
    Array.prototype.forEach.call(form.querySelectorAll('fieldset.question .qnum'), function (node, i) { node.textContent = String(i + 1); });
  }

  function submitQuiz(event) {
    event.preventDefault();
    if (submit.disabled || attemptsLeft() === 0) return;
    var now = Date.now();
    var responses = data.questions.map(readResponse);
    var missing = data.questions.filter(function (question, i) { return !isAnswered(question, responses[i]); });
    var notNumbers = data.questions.filter(function (question, i) { return question.type === 'numeric' && responses[i] !== '' && !isFinite(parseNumber(responses[i])); });
    if (missing.length > 0 || notNumbers.length > 0) {
      var problems = [];
      var titlesOf = function (list) { return list.map(function (q) { return q.title; }).join(t('titleSeparator')); };
      if (missing.length > 0) problems.push(t('answerEvery', { titles: titlesOf(missing) }));
      if (notNumbers.length > 0) problems.push(t('writeNumber', { example: numberExample(), titles: titlesOf(notNumbers) }));
      quizProblem.textContent = problems.join(' ');
      var first = document.getElementById('question-' + (missing[0] || notNumbers[0]).id);
      if (first) first.querySelector('input, select').focus();
      return;
    }
    quizProblem.textContent = '';
    var key = answerKey();
    var earned = 0;
    var total = 0;
    var verdicts = verdictsOf(key, responses);
    data.questions.forEach(function (question, i) {
      total += question.points;
      if (verdicts[i]) earned += question.points;
    });
    var previousBest = state.best;
    state.attempts += 1;
    state.score = Math.round((10000 * earned) / total) / 100;
    state.best = Math.max(state.best, state.score);
    state.graded = true;
    state.answers = responses;
    var kept = recordedScore();
    var passed = kept >= passMark;
    if (recording()) {
      data.questions.forEach(function (question, i) { recordInteraction(question, key[i].answer, responses[i], verdicts[i], now); });
      // The objectives follow the attempt whose score the LMS keeps.
      if (assessment.result === 'last' || state.score >= previousBest) recordObjectives(verdicts);
      // Score first, then the status the LMS derives from it.
      lms.set(el.score + 'min', 0);
      lms.set(el.score + 'max', 100);
      lms.set(el.score + 'raw', decimal(kept, 2));
      if (v2004) {
        lms.set('cmi.score.scaled', decimal(kept / 100, 4));
        lms.set('cmi.success_status', passed ? 'passed' : 'failed');
      } else {
        lms.set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
      }
      save(true);
    }
    showGraded(key, verdicts);
    var thisTime = state.score >= passMark;
    var advice = thisTime
      ? ''
      : attemptsLeft() === 0
        ? t('noAttemptsLeft')
        : t(answersMayShow() ? 'readModelAnswers' : 'tryWhenReady');
    var keptNote = assessment.result === 'best' && kept > state.score ? t('bestKept', { best: kept }) : '';
    var notRecorded = lms.initialized && !recording() ? t('notRecorded', { mode: lessonMode }) : '';
    quizResult.textContent =
      t(thisTime ? 'scoredPassed' : 'scoredNotPassed', { score: state.score, mark: passMark }) + keptNote + attemptText() + advice + notRecorded;
    quizResult.focus();
  }

  function resetQuiz() {
    if (attemptsLeft() === 0) return;
    form.reset();
    lockQuiz(false);
    form.className = 'quiz';
    retry.hidden = true;
    quizResult.textContent = '';
    state.graded = false;
    orderQuiz();
    questionShownAt = Date.now();
    firstResponseAt = {};
    Array.prototype.forEach.call(form.querySelectorAll('.question'), function (box) {
      box.className = 'question';
      box.querySelector('.verdict').textContent = '';
      box.querySelector('.feedback').hidden = true;
    });
    save(true);
    var first = form.querySelector('input, select');
    if (first) first.focus();
  }

  if (form) {
    form.addEventListener('submit', submitQuiz);
    retry.addEventListener('click', resetQuiz);
    form.addEventListener('change', function (event) {
      var box = event.target.closest ? event.target.closest('.question') : null;
      var id = box && box.getAttribute('data-question');
      if (id && !firstResponseAt[id]) firstResponseAt[id] = Date.now();
    });
  }

  // ---------- Start, resume, leave ----------

  var mode = document.getElementById('pp-mode');
  var resume = document.getElementById('pp-resume');
  var exit = document.getElementById('pp-exit');

  function errorText(error) {
    return t(error.text ? 'errorWithText' : 'error', { code: error.code || '?', text: error.text });
  }

  /** Said whenever a commit fails for good: the learner must not believe the progress is kept. */
  function saveProblem() {
    if (!mode || !lms.unsaved) return;
    mode.textContent = t('commitFailed', { error: errorText(lms.unsaved) });
    mode.className = 'mode problem';
  }

  function leave(force) {
    if (!lms.initialized || lms.finished) return false;
    save(false);
    lms.set(el.session, timespan(Date.now() - startedAt));
    if (recording()) lms.set(el.exit, finishedWithModule() ? (v2004 ? 'normal' : '') : 'suspend');
    else lms.set(el.exit, v2004 ? 'normal' : '');
    return lms.finish(force);
  }

  /** The LMS's own pass mark (1.2 mastery_score in percent, 2004 scaled_passing_score), when it sets one. */
  function lmsPassMark() {
    var text = lms.get(v2004 ? 'cmi.scaled_passing_score' : 'cmi.student_data.mastery_score');
    if (text === '' || !isFinite(Number(text))) return null;
    return v2004 ? Math.round(Number(text) * 10000) / 100 : Number(text);
  }

  if (lms.start()) {
    lessonMode = String(lms.get(v2004 ? 'cmi.mode' : 'cmi.core.lesson_mode') || 'normal');
    if (lessonMode !== 'browse' && lessonMode !== 'review') lessonMode = 'normal';
    if (data.passMark !== null) {
      var fromLms = lmsPassMark();
      if (fromLms !== null) {
        passMark = fromLms;
        Array.prototype.forEach.call(document.querySelectorAll('.pass-mark'), function (node) { node.textContent = String(passMark); });
      }
    }
    if (lessonMode === 'normal') {
      mode.textContent = t('connected', { version: data.version });
      if (v2004) {
        var completion = lms.get('cmi.completion_status');
        if (completion === 'not attempted' || completion === 'unknown' || completion === '') lms.set('cmi.completion_status', 'incomplete');
      } else {
        var status = lms.get('cmi.core.lesson_status');
        if (status === 'not attempted' || status === '') lms.set('cmi.core.lesson_status', 'incomplete');
      }
    } else {
      mode.textContent = t(lessonMode);
    }
    learnerId = lms.get(v2004 ? 'cmi.learner_id' : 'cmi.core.student_id');
    decodeState(lms.get(el.suspend));
    var location = lms.get(el.location);
    var bookmarked = -1;
    data.pages.forEach(function (page, i) { if (page.id === location) bookmarked = i; });
    if (form) {
      orderQuiz();
      data.questions.forEach(function (question, i) { writeResponse(question, state.answers[i]); });
      if (state.graded && state.answers.length === data.questions.length) showGraded(answerKey(), verdictsOf(answerKey(), state.answers));
      else if (attemptsLeft() === 0) lockQuiz(true);
      showLastResult();
    }
    if (bookmarked >= 0) {
      resume.textContent = t('welcomeBack', { title: data.pages[bookmarked].title, page: bookmarked + 1 });
      resume.hidden = false;
      show(bookmarked, false);
    } else {
      show(0, false);
    }
  } else if (lms.refused) {
    orderQuiz();
    mode.textContent = t('refused', { error: errorText(lms.refused) });
    mode.className += ' problem';
    show(0, false);
  } else {
    mode.textContent = t('preview');
    mode.className += ' preview';
    orderQuiz();
    show(0, false);
  }

  exit.addEventListener('click', function () {
    if (!lms.api) {
      mode.textContent = t('previewExit');
      return;
    }
    if (lms.refused) {
      mode.textContent = t('refusedExit', { error: errorText(lms.refused) });
      return;
    }
    if (lms.finished) return;
    if (leave(false)) {
      exit.disabled = true;
      mode.className = 'mode';
      mode.textContent = recording() || lessonMode === 'normal' ? t('saved') : t('endedUnrecorded', { mode: lessonMode });
    } else {
      mode.className = 'mode problem';
      mode.textContent = t('notSaved', { error: errorText(lms.unsaved || lms.error()) });
    }
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'hidden' || !lms.initialized || lms.finished) return;
    save(false);
    if (v2004) {
      // If the page is going away, pagehide follows at once and Terminate commits: no Commit right before it.
      lms.pendingCommit = setTimeout(function () { lms.pendingCommit = null; lms.commit(); }, 0);
    } else {
      lms.commit();
    }
  });
  window.addEventListener('pagehide', function () { leave(true); });
})();
