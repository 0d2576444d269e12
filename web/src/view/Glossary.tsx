// The glossary: a term shows its meaning on hover and on keyboard focus.
import { useId, type ReactNode } from 'react';

export const GLOSSARY: Readonly<Record<string, string>> = {
  utility: 'How much a party likes a deal, from 0 (its worst) to 1 (its best): the weighted sum of the values it gives each option.',
  weight: 'How much an issue matters to a party; a party’s weights add up to 1.',
  outcome: 'A possible deal: one option chosen on every issue.',
  'reservation value': 'What no deal is worth to a party (its BATNA, as a utility). A party should not accept a deal worth less.',
  'red line': 'A deal a party never accepts, whatever its utility (for example, recognising a region as another country’s).',
  'zone of agreement': 'The deals that give every negotiator at least its reservation value and cross no red line.',
  'Pareto frontier': 'The deals that cannot be improved for one party without making another worse off. A deal off the frontier leaves value on the table.',
  Nash: 'The Nash bargaining solution: the deal that maximises the product of every party’s gain over its reservation value. A balance of gains.',
  'Kalai–Smorodinsky': 'The deal that gives every party the same share of the most it could hope for (its best rational deal).',
  utilitarian: 'The deal with the largest total utility, whoever gets it.',
  egalitarian: 'The deal whose worst-off party is as well off as possible.',
  'agreement rule': 'Who must say yes for a deal to pass: everyone (unanimity) or a quorum, possibly with parties whose yes is required.',
  strategy: 'How a simulated negotiator concedes and when it accepts (e.g. Boulware concedes late, Conceder early).',
  'opponent model': 'A strategy’s running guess of the other side’s preferences, learned from its offers.',
  sensitivity: 'How much an answer moves when one assumed number (a weight or a reservation value) moves within a range.',
};

/** A term of the glossary, explained on hover and focus. */
export function Term({ k, children }: { k: string; children?: ReactNode }) {
  const id = useId();
  const text = GLOSSARY[k];
  if (!text) return <>{children ?? k}</>;
  return (
    <span className="term" tabIndex={0} aria-describedby={id} data-testid="glossary-term">
      {children ?? k}
      <span role="tooltip" id={id} className="gloss">
        {text}
      </span>
    </span>
  );
}

/** The whole glossary as a definition list. */
export function GlossaryList() {
  return (
    <dl className="glossary" data-testid="glossary">
      {Object.entries(GLOSSARY).map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
