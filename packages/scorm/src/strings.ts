import { blockPartLabel } from '@pattern-press/format';
import { escapeHtml } from '@pattern-press/render';

/**
 * Every string of the player a learner sees or hears, by language: the one
 * table a translator fills (English today; a language is one more entry).
 * `page` is what the page says (headings, buttons, labels, aria-labels, the
 * glossary page; English block part labels are format's, shared by every output), `script` what the player script says at run time. `{name}`
 * marks a value the player puts in; the text around it is plain text.
 */
export const playerStrings = {
  en: {
    page: {
      skipToContent: 'Skip to content',
      pagesNav: 'Pages',
      previous: 'Previous',
      next: 'Next',
      saveAndExit: 'Save and exit',
      reviewCopy: 'Review copy',
      reviewCopyStatus: '(status: {status}): not yet published.',
      overview: 'Overview',
      wrapUp: 'Case studies and checklist',
      glossary: 'Glossary',
      quiz: 'Quiz',
      facts: '{minutes} minutes · {difficulty} · version {version}',
      beforeYouStart: 'Before you start:',
      prerequisites: '{list}.',
      listSeparator: ', ',
      youWillBeAbleTo: 'You will be able to',
      outline: 'Outline',
      outlineMinutes: '({minutes} min)',
      quizAtTheEnd: 'The quiz at the end has {questions} questions; you pass with {mark}% or more.',
      blockMinutes: '{minutes} minutes',
      challengeMinutes: '{minutes} minutes · integration challenge',
      concept: blockPartLabel('concept'),
      analogy: blockPartLabel('analogy'),
      practice: blockPartLabel('practice'),
      reflection: blockPartLabel('reflection'),
      revealSolution: 'Reveal solution',
      revealModelSolution: 'Reveal a model solution',
      diagram: 'Diagram ({kind}); it is described in text below',
      diagramAsText: 'The diagram as text',
      table: 'Table {number}',
      commonMistakes: 'Common mistakes',
      checklist: 'Implementation checklist',
      sources: 'Sources',
      glossaryIntro: 'The terms this module teaches and uses. A term underlined in the text links here.',
      backToText: 'Back to the text',
      taughtIn: 'Taught in the module “{title}”.',
      quizIntro: 'Answer every question, then submit. You pass with {mark}% or more.',
      attemptsOne: ' You have 1 attempt.',
      attemptsMany: ' You have {attempts} attempts.',
      answersOnPass: ' The model answers are shown once you pass.',
      answersOnPassOrLast: ' The model answers are shown once you pass or have used every attempt.',
      answersAlways: ' The model answers are shown after each submission.',
      question: 'Question {number}: {title}',
      selectEvery: 'Select every answer that applies.',
      orderingHint: 'Pick the item for each position, first to last.',
      position: 'Position {number}',
      choose: 'Choose…',
      yourAnswer: 'Your answer',
      settings: 'Settings: {settings}',
      sequenceHint: 'Initial state: {initial}. Pick the state after each step.',
      modelAnswer: 'Model answer',
      keyInsights: 'Key insights',
      inProduction: 'In production',
      submit: 'Submit answers',
      tryAgain: 'Try again',
    },
    script: {
      connected: 'Connected to your LMS (SCORM {version}): your progress and score are saved.',
      review: 'Review mode: your LMS opened this module to look through; nothing you do here is recorded.',
      browse: 'Browse mode: your LMS opened this module to look through; nothing you do here is recorded.',
      preview: 'Preview mode: no LMS was found, so nothing is saved or scored.',
      previewExit: 'Preview mode: nothing to save.',
      refused: 'Your LMS refused to start this session ({error}). Nothing you do here is saved or scored; close this window and open the module again from your LMS.',
      refusedExit: 'Nothing was saved: your LMS refused this session ({error}).',
      saved: 'Your progress is saved. You can close this window.',
      endedUnrecorded: 'Session ended; nothing was recorded ({mode} mode). You can close this window.',
      notSaved: 'Your progress was not saved: your LMS answered {error}. Keep this window open and try Save and exit again; if it keeps failing, tell your LMS administrator.',
      commitFailed: 'Your LMS did not save your progress ({error}). Keep this window open and use Save and exit to try again; if it keeps failing, tell your LMS administrator.',
      error: 'error {code}',
      errorWithText: 'error {code}: {text}',
      welcomeBack: 'Welcome back: you left off at “{title}” (page {page}).',
      pageOf: 'Page {page} of {pages}',
      quizClosedOne: 'The quiz opens once you have seen every page: {pages} is still to read.',
      quizClosedMany: 'The quiz opens once you have seen every page: {pages} are still to read.',
      quoted: '“{title}”',
      listSeparator: ', ',
      titleSeparator: '; ',
      answerEvery: 'Answer every question first: {titles}.',
      writeNumber: 'Write a number, like {example}, in: {titles}.',
      verdictRight: 'Correct.',
      verdictWrong: 'Not correct.',
      attempt: ' Attempt {attempt}.',
      attemptOf: ' Attempt {attempt} of {attempts}.',
      scorePassed: '{score}% (passed)',
      scoreNotPassed: '{score}% (not passed yet; you need {mark}%)',
      lastScore: 'Your last score: {line}.',
      yourBest: ' Your best: {best}%.',
      noAttemptsLeft: ' You have no attempts left.',
      scoredPassed: 'You scored {score}%: passed.',
      scoredNotPassed: 'You scored {score}%: not passed; you need {mark}%.',
      bestKept: ' Your best score, {best}%, is the one recorded.',
      readModelAnswers: ' Read the model answers, then try again.',
      tryWhenReady: ' Try again when you are ready.',
      notRecorded: ' ({mode} mode: not recorded)',
    },
  },
} as const;

/** What the player script says (it travels in the page's data). */
export type PlayerStrings = { readonly [Name in keyof (typeof playerStrings)['en']['script']]: string };
/** What the page says. */
export type PageStrings = { readonly [Name in keyof (typeof playerStrings)['en']['page']]: string };
/** One language's entry of the table. */
export interface PlayerLanguage {
  page: PageStrings;
  script: PlayerStrings;
}

/** The player's strings in a language, English where the table has none. */
export function stringsFor(language: string): PlayerLanguage {
  return (playerStrings as Record<string, PlayerLanguage>)[language] ?? playerStrings.en;
}

/**
 * A string of the table as HTML: its text escaped, each `{name}` replaced by
 * the HTML given for it (escape plain values with escapeHtml first).
 */
export function fillHtml(template: string, html: Readonly<Record<string, string | number>> = {}): string {
  return template
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name !== undefined && name in html ? String(html[name]) : escapeHtml(part);
    })
    .join('');
}
