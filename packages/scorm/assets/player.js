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

  var lms = {
    api: null,
    initialized: false,
    finished: false,
    pendingCommit: null,
    call: function (name, a, b) {
      if (!this.api || !this.initialized || this.finished) return '';
      var full = (v2004 ? '' : 'LMS') + name;
      return String(arguments.length > 2 ? this.api[full](a, b) : this.api[full](a));
    },
    start: function () {
      this.api = findApi();
      if (!this.api) return false;
      var ok = String(v2004 ? this.api.Initialize('') : this.api.LMSInitialize(''));
      this.initialized = ok === 'true';
      return this.initialized;
    },
    get: function (name) {
      return this.call('GetValue', name);
    },
    set: function (name, value) {
      return this.call('SetValue', name, String(value));
    },
    commit: function () {
      if (this.pendingCommit !== null) {
        clearTimeout(this.pendingCommit);
        this.pendingCommit = null;
      }
      return this.call('Commit', '');
    },
    // Terminate/LMSFinish exactly once; 2004 never commits right before Terminate (Terminate commits itself).
    finish: function () {
      if (!this.api || !this.initialized || this.finished) return;
      if (this.pendingCommit !== null) {
        clearTimeout(this.pendingCommit);
        this.pendingCommit = null;
      }
      if (v2004) {
        this.api.Terminate('');
      } else {
        this.api.LMSCommit('');
        this.api.LMSFinish('');
      }
      this.finished = true;
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

  // ---------- State and its compact suspend_data encoding ----------

  var state = { visited: data.pages.map(function () { return false; }), page: 0, attempts: 0, score: -1, answers: [] };

  function indexChar(index) {
    return index >= 0 && index < letters.length ? letters.charAt(index) : '_';
  }

  function idsOf(question) {
    var answer = question.answer;
    if (question.type === 'single' || question.type === 'multiple') return answer.choices.map(function (c) { return c.id; });
    if (question.type === 'ordering') return answer.items.map(function (c) { return c.id; });
    if (question.type === 'matching') return answer.targets.map(function (c) { return c.id; });
    if (question.type === 'sequence') return answer.states;
    return [];
  }

  function encodeAnswer(question, response) {
    if (response === null || response === undefined) return '';
    var ids = idsOf(question);
    var at = function (id) { return indexChar(ids.indexOf(id)); };
    switch (question.type) {
      case 'single': return at(response);
      case 'multiple': case 'ordering': case 'sequence': return response.map(at).join('');
      case 'matching': return question.answer.sources.map(function (s) { return at(response[s.id] || ''); }).join('');
      case 'numeric': return String(response).replace(/,/g, '.').replace(/[^0-9.eE+-]/g, '').slice(0, 24);
    }
    return '';
  }

  function decodeAnswer(question, text) {
    if (!text) return null;
    var ids = idsOf(question);
    var chars = text.split('').map(function (c) { var i = letters.indexOf(c); return i >= 0 && i < ids.length ? ids[i] : ''; });
    switch (question.type) {
      case 'single': return chars[0] || null;
      case 'multiple': case 'ordering': case 'sequence': return chars;
      case 'matching': {
        var map = {};
        question.answer.sources.forEach(function (s, i) { map[s.id] = chars[i] || ''; });
        return map;
      }
      case 'numeric': return text;
    }
    return null;
  }

  /** v1|visited bits|quiz attempts|last score|answers: a few dozen characters, far below 1.2's 4096. */
  function encodeState() {
    var head = ['1', state.visited.map(function (seen) { return seen ? '1' : '0'; }).join(''), state.attempts, state.score].join('|');
    var answers = data.questions.map(function (question, i) { return encodeAnswer(question, state.answers[i]); }).join(',');
    var full = head + '|' + answers;
    return full.length <= 4096 ? full : head + '|';
  }

  function decodeState(text) {
    var fields = String(text || '').split('|');
    if (fields[0] !== '1') return;
    var bits = fields[1] || '';
    state.visited = data.pages.map(function (_, i) { return bits.charAt(i) === '1'; });
    state.attempts = parseInt(fields[2], 10) || 0;
    state.score = fields[3] === undefined || fields[3] === '' ? -1 : Number(fields[3]);
    var answers = (fields[4] || '').split(',');
    state.answers = data.questions.map(function (question, i) { return decodeAnswer(question, answers[i]); });
  }

  // ---------- Status ----------

  function allVisited() {
    return state.visited.every(Boolean);
  }

  function passedNow() {
    if (data.passMark === null) return allVisited();
    return state.score >= 0 && state.score >= data.passMark;
  }

  function save(commit) {
    if (!lms.initialized) return;
    lms.set(el.location, data.pages[state.page].id);
    lms.set(el.suspend, encodeState());
    if (v2004) lms.set('cmi.progress_measure', (state.visited.filter(Boolean).length / state.visited.length).toFixed(2));
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

  function show(index, focus) {
    state.page = Math.max(0, Math.min(index, sections.length - 1));
    state.visited[state.page] = true;
    sections.forEach(function (section, i) { section.hidden = i !== state.page; });
    navLinks.forEach(function (link, i) {
      if (i === state.page) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
      link.parentNode.className = state.visited[i] ? 'visited' : '';
    });
    prev.disabled = state.page === 0;
    next.disabled = state.page === sections.length - 1;
    progress.textContent = 'Page ' + (state.page + 1) + ' of ' + sections.length;
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
    var answer = question.answer;
    switch (question.type) {
      case 'single': {
        var checked = form.querySelector('[name="' + name + '"]:checked');
        return checked ? checked.value : null;
      }
      case 'multiple':
        return Array.prototype.slice.call(field(name)).filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
      case 'ordering':
        return answer.items.map(function (_, i) { return valueOf(name + '-' + i); });
      case 'sequence':
        return answer.steps.map(function (_, i) { return valueOf(name + '-' + i); });
      case 'matching': {
        var map = {};
        answer.sources.forEach(function (s) { map[s.id] = valueOf(name + '-' + s.id); });
        return map;
      }
      case 'numeric':
        return valueOf(name).trim();
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
        question.answer.sources.forEach(function (s) { setSelect(name + '-' + s.id, response[s.id]); });
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
      case 'matching': return question.answer.sources.every(function (s) { return response[s.id] !== ''; });
      case 'numeric': return response !== '' && isFinite(Number(response.replace(',', '.')));
    }
    return false;
  }

  function sameList(a, b) {
    return a.length === b.length && a.every(function (value, i) { return value === b[i]; });
  }

  function isCorrect(question, response) {
    var answer = question.answer;
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
        return Math.abs(Number(response.replace(',', '.')) - answer.correct) <= (answer.tolerance || 0) + 1e-9;
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
    var answer = question.answer;
    var list = v2004 ? '[,]' : ',';
    switch (question.type) {
      case 'single': {
        var ids = idsOf(question);
        return v2004 ? response : letterOf(ids, response);
      }
      case 'multiple': case 'ordering': {
        var all = idsOf(question);
        return response.map(function (id) { return v2004 ? id : letterOf(all, id); }).join(list);
      }
      case 'matching': {
        var sources = answer.sources.map(function (s) { return s.id; });
        var targets = answer.targets.map(function (t) { return t.id; });
        return answer.sources
          .filter(function (s) { return response[s.id]; })
          .map(function (s) {
            return v2004 ? s.id + '[.]' + response[s.id] : letterOf(sources, s.id) + '.' + letterOf(targets, response[s.id]);
          })
          .join(list);
      }
      case 'numeric':
        return String(Number(String(response).replace(',', '.')));
      case 'sequence': {
        // States are identifiers (no spaces), so a space separates them unambiguously; runtimes refuse commas in long-fill-in.
        var text = response.join(' ');
        if (v2004 || text.length <= 255) return text;
        return response.map(function (state) { return letterOf(answer.states, state); }).join(' ');
      }
    }
    return '';
  }

  function correctResponse(question) {
    var answer = question.answer;
    switch (question.type) {
      case 'single': return formatResponse(question, answer.correct);
      case 'multiple': case 'ordering': return formatResponse(question, answer.correct);
      case 'matching': {
        var map = {};
        answer.correct.forEach(function (pair) { map[pair.source] = pair.target; });
        return formatResponse(question, map);
      }
      case 'numeric': {
        if (!v2004) return String(answer.correct);
        var tolerance = answer.tolerance || 0;
        return String(answer.correct - tolerance) + '[:]' + String(answer.correct + tolerance);
      }
      case 'sequence':
        // No {case_matters} delimiter: states come from a list, and runtimes (scorm-again) refuse delimiters on long-fill-in.
        return formatResponse(question, answer.steps.map(function (step) { return step.state; }));
    }
    return '';
  }

  function recordInteraction(question, response, correct, now) {
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
    lms.set(base + 'weighting', question.points);
    lms.set(base + 'correct_responses.0.pattern', correctResponse(question));
    lms.set(base + (v2004 ? 'learner_response' : 'student_response'), formatResponse(question, response));
    lms.set(base + 'result', correct ? 'correct' : v2004 ? 'incorrect' : 'wrong');
    lms.set(base + 'latency', timespan(Math.max(0, shown - questionShownAt)));
  }

  var quizProblem = form && form.querySelector('.quiz-problem');
  var quizResult = form && form.querySelector('.quiz-result');
  var retry = form && form.querySelector('.retry');

  function showLastResult() {
    if (!form || state.score < 0) return;
    quizResult.textContent = 'Your last score: ' + state.score + '% (' + (state.score >= data.passMark ? 'passed' : 'not passed yet; you need ' + data.passMark + '%') + ').';
  }

  function submitQuiz(event) {
    event.preventDefault();
    var now = Date.now();
    var responses = data.questions.map(readResponse);
    var missing = data.questions.filter(function (question, i) { return !isAnswered(question, responses[i]); });
    if (missing.length > 0) {
      quizProblem.textContent = 'Answer every question first: ' + missing.map(function (q) { return q.title; }).join('; ') + '.';
      var first = document.getElementById('question-' + missing[0].id);
      if (first) first.querySelector('input, select').focus();
      return;
    }
    quizProblem.textContent = '';
    var earned = 0;
    var total = 0;
    var verdicts = data.questions.map(function (question, i) {
      var correct = isCorrect(question, responses[i]);
      total += question.points;
      if (correct) earned += question.points;
      return correct;
    });
    state.attempts += 1;
    state.score = Math.round((10000 * earned) / total) / 100;
    state.answers = responses;
    var passed = state.score >= data.passMark;
    if (lms.initialized) {
      data.questions.forEach(function (question, i) { recordInteraction(question, responses[i], verdicts[i], now); });
      // Score first, then the status the LMS derives from it.
      lms.set(el.score + 'min', 0);
      lms.set(el.score + 'max', 100);
      lms.set(el.score + 'raw', state.score);
      if (v2004) {
        lms.set('cmi.score.scaled', state.score / 100);
        lms.set('cmi.success_status', passed ? 'passed' : 'failed');
      } else {
        lms.set('cmi.core.lesson_status', passed ? 'passed' : 'failed');
      }
      save(true);
    }
    data.questions.forEach(function (question, i) {
      var box = document.getElementById('question-' + question.id);
      box.className = 'question ' + (verdicts[i] ? 'right' : 'wrong');
      box.querySelector('.verdict').textContent = verdicts[i] ? 'Correct.' : 'Not correct.';
      box.querySelector('.feedback').hidden = false;
    });
    quizResult.textContent =
      'You scored ' + state.score + '%: ' + (passed ? 'passed.' : 'not passed; you need ' + data.passMark + '%. Read the model answers, then try again.');
    form.className = 'quiz graded';
    retry.hidden = false;
    quizResult.focus();
  }

  function resetQuiz() {
    form.reset();
    form.className = 'quiz';
    retry.hidden = true;
    quizResult.textContent = '';
    questionShownAt = Date.now();
    firstResponseAt = {};
    Array.prototype.forEach.call(form.querySelectorAll('.question'), function (box) {
      box.className = 'question';
      box.querySelector('.verdict').textContent = '';
      box.querySelector('.feedback').hidden = true;
    });
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

  function leave() {
    if (!lms.initialized || lms.finished) return;
    save(false);
    lms.set(el.session, timespan(Date.now() - startedAt));
    var done = passedNow();
    lms.set(el.exit, done ? (v2004 ? 'normal' : '') : 'suspend');
    lms.finish();
  }

  if (lms.start()) {
    mode.textContent = 'Connected to your LMS (SCORM ' + data.version + '): your progress and score are saved.';
    if (v2004) {
      var completion = lms.get('cmi.completion_status');
      if (completion === 'not attempted' || completion === 'unknown' || completion === '') lms.set('cmi.completion_status', 'incomplete');
    } else {
      var status = lms.get('cmi.core.lesson_status');
      if (status === 'not attempted' || status === '') lms.set('cmi.core.lesson_status', 'incomplete');
    }
    decodeState(lms.get(el.suspend));
    var location = lms.get(el.location);
    var bookmarked = -1;
    data.pages.forEach(function (page, i) { if (page.id === location) bookmarked = i; });
    if (form) {
      data.questions.forEach(function (question, i) { writeResponse(question, state.answers[i]); });
      showLastResult();
    }
    if (bookmarked >= 0) {
      resume.textContent = 'Welcome back: you left off at “' + data.pages[bookmarked].title + '” (page ' + (bookmarked + 1) + ').';
      resume.hidden = false;
      show(bookmarked, false);
    } else {
      show(0, false);
    }
  } else {
    mode.textContent = 'Preview mode: no LMS was found, so nothing is saved or scored.';
    mode.className += ' preview';
    show(0, false);
  }

  exit.addEventListener('click', function () {
    leave();
    exit.disabled = true;
    mode.textContent = lms.api ? 'Your progress is saved. You can close this window.' : 'Preview mode: nothing to save.';
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
  window.addEventListener('pagehide', leave);
})();
