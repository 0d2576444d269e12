// The first-run guide: a walk through the built-in ceasefire scenario and the seed article's four
// questions, one step at a time, each with a button that opens the screen it talks about. Shown
// once (remembered in the browser); the "Guide" button opens it again. The glossary sits beside it.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { GlossaryList, Term } from './Glossary.tsx';

export const GUIDE_DONE_KEY = 'parley.guide.done';

/** The article's four questions, used when the open scenario declares none of its own. */
const ARTICLE_QUESTIONS = [
  'Will Ukraine agree to territorial concessions?',
  'How will the U.S. balance Ukraine’s sovereignty with peace negotiations?',
  'Will Putin’s demands extend beyond the four annexed regions?',
  'Does Trump have the authority to negotiate land deals without Ukraine’s direct approval?',
];

const QUESTION_HOW = [
  'The What-if screen sweeps Ukraine’s reservation value and counts the deals Ukraine would accept that give up no region, and the smallest concession it would have to make.',
  'The What-if screen lets the mediator weigh Ukraine’s utility against the negotiators’ total, and shows which deal it picks for every weight (a chart over the weight).',
  'The variants “expanded demands” and “expanded demands refused” add a further region: compare them with the scenario as written on the What-if screen.',
  'The variant “US–Russia deal” changes the agreement rule so that Ukraine’s yes is not required: compare the deals that pass each rule on the What-if screen.',
];

interface Step {
  readonly title: string;
  readonly body: ReactNode;
  /** The screen the step talks about. */
  readonly screen?: string;
}

function steps(questions: readonly string[]): Step[] {
  return [
    {
      title: 'Welcome to parley',
      body: (
        <>
          parley models a negotiation as <strong>issues</strong>, each with a few options, and <strong>parties</strong> who value the options differently. This guide walks through the built-in ceasefire scenario, modelled from a news article, and the
          article’s four open questions. Every number in it is an assumption you can change.
        </>
      ),
      screen: 'library',
    },
    {
      title: '1. The scenario',
      body: (
        <>
          Seven issues (a ceasefire, the status of five regions, the nuclear plant), three options each: 2,187 possible deals. Russia and Ukraine negotiate; the United States mediates. Each party has <Term k="weight">weights</Term>, a value for each option, a{' '}
          <Term k="reservation value">reservation value</Term> and sometimes <Term k="red line">red lines</Term>. The Editor shows them all, with the article’s words as sources.
        </>
      ),
      screen: 'editor',
    },
    {
      title: '2. Where a deal could be',
      body: (
        <>
          On Analysis each dot is a deal, placed by what it is worth to two parties. The black line is the <Term k="Pareto frontier">Pareto frontier</Term>; the shaded corner is the <Term k="zone of agreement">zone of agreement</Term>. The markers are the
          classic fair deals: <Term k="Nash">Nash</Term>, <Term k="Kalai–Smorodinsky">Kalai–Smorodinsky</Term>, <Term k="utilitarian">utilitarian</Term> and <Term k="egalitarian">egalitarian</Term>. The table shows each deal by how it differs from the Nash deal.
        </>
      ),
      screen: 'analysis',
    },
    ...questions.slice(0, 4).map((q, i) => ({
      title: `${i + 3}. “${q}”`,
      body: (
        <>
          {QUESTION_HOW[i] ?? 'The What-if screen answers it as a question about the model.'} Press “Compare” there: the answer comes first in one sentence, the numbers on demand. The answers hold for the stated assumptions only — the{' '}
          <Term k="sensitivity">sensitivity</Term> charts show how far an assumption can move before an answer flips.
        </>
      ),
      screen: 'what-if',
    })),
    {
      title: '7. Watch it, then play it',
      body: (
        <>
          Simulation runs the negotiation between built-in <Term k="strategy">strategies</Term> and shows each party’s offers in its own colour, and its utility over the rounds. On Play you take a seat yourself: you see only your own preferences, you are warned
          before accepting a deal below your reservation or across your red lines, and a debrief after the game reveals what the other side wanted.
        </>
      ),
      screen: 'simulation',
    },
  ];
}

export interface GuideProps {
  /** Opens a screen (and the ceasefire scenario). */
  readonly go: (screen: string) => void;
  /** The open scenario's declared questions (their text), if any. */
  readonly questions?: readonly string[];
}

export function Guide({ go, questions }: GuideProps) {
  const [open, setOpen] = useState(() => {
    try {
      return window.localStorage.getItem(GUIDE_DONE_KEY) === null;
    } catch {
      return false;
    }
  });
  const [glossary, setGlossary] = useState(false);
  const [i, setI] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const all = steps(questions && questions.length >= 4 ? questions : ARTICLE_QUESTIONS);
  const step = all[Math.min(i, all.length - 1)]!;

  useEffect(() => {
    if (open) heading.current?.focus();
  }, [i, open]);

  const close = () => {
    setOpen(false);
    try {
      window.localStorage.setItem(GUIDE_DONE_KEY, '1');
    } catch {
      // Private mode: the guide shows again next time.
    }
  };

  return (
    <div className="guide-bar">
      <div className="row">
        {!open && (
          <button type="button" onClick={() => setOpen(true)} data-testid="guide-open">
            Guide
          </button>
        )}
        <button type="button" aria-expanded={glossary} onClick={() => setGlossary(!glossary)}>
          Glossary
        </button>
      </div>
      {glossary && (
        <section aria-label="Glossary" className="guide">
          <GlossaryList />
        </section>
      )}
      {open && (
        <section aria-labelledby="guide-title" className="guide" data-testid="guide">
          <p className="hint">
            Guide, step {i + 1} of {all.length}
          </p>
          <h2 id="guide-title" tabIndex={-1} ref={heading}>
            {step.title}
          </h2>
          <p>{step.body}</p>
          <div className="row">
            <button type="button" onClick={() => setI(i - 1)} disabled={i === 0}>
              Go back
            </button>
            {step.screen && (
              <button type="button" onClick={() => go(step.screen!)}>
                Show me
              </button>
            )}
            {i < all.length - 1 ? (
              <button type="button" onClick={() => setI(i + 1)}>
                Continue
              </button>
            ) : (
              <button type="button" onClick={close}>
                Finish the guide
              </button>
            )}
            <button type="button" onClick={close}>
              Close the guide
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
