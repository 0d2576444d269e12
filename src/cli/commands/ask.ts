import type { Command } from 'commander';
import { answerQuestions } from '../../engine/what-if/questions.ts';
import { loadScenario } from '../load-scenario.ts';
import { jsonText, safeName, wrap, writeOut } from '../format.ts';
import { UsageError, intOption } from '../program.ts';

interface AskCliOptions {
  json?: boolean;
  details?: boolean;
  seed: number;
  agent: string;
  rounds: number;
}

/** `parley ask SCENARIO [QUESTION-ID]`: the answers to the questions the scenario declares. */
export function registerAsk(program: Command): void {
  program
    .command('ask')
    .description(
      "Answer the questions the scenario declares (`questions:` in the native format: concession, mediator-tradeoff, variant, rule), each as one plain-language sentence; --details adds the explanation, --json the numbers. See docs/scenario-format.md and docs/what-if.md.",
    )
    .argument('<scenario>', 'a native scenario file (or a folder holding one)')
    .argument('[question]', 'the id of one question (default: every question, in the file’s order)')
    .option('--json', 'print {questions: [{id, text, answer, details}]} as JSON')
    .option('--details', 'print the explanation under each answer')
    .option('--seed <n>', 'seed of everything random (sampling, simulations)', intOption('--seed', 0), 1)
    .option('--agent <spec>', 'agent of the simulated negotiations of rule questions', 'boulware')
    .option('--rounds <n>', 'deadline of the simulated negotiations', intOption('--rounds', 1), 200)
    .action((path: string, question: string | undefined, opts: AskCliOptions) => {
      const scenario = loadScenario([path]);
      const declared = scenario.questions ?? [];
      if (question !== undefined && !declared.some((q) => q.id === question))
        throw new UsageError(`unknown question "${question}"; ${declared.length ? `the scenario's questions are: ${declared.map((q) => q.id).join(', ')}` : 'the scenario declares no questions'}`);
      const answers = answerQuestions(scenario, { seed: opts.seed, agent: opts.agent, rounds: opts.rounds, ...(question !== undefined ? { only: [question] } : {}) });
      if (opts.json) {
        process.stdout.write(`${jsonText({ questions: answers.map((a) => ({ id: a.id, text: a.text, answer: a.answer, details: a.details })) })}\n`);
        return;
      }
      if (answers.length === 0) {
        writeOut(`${safeName(scenario.name)} declares no questions; add a \`questions:\` list to the scenario file (see docs/scenario-format.md).\n`);
        return;
      }
      const out: string[] = [];
      for (const a of answers) {
        out.push(`${safeName(a.id)}: ${a.text}`);
        out.push(wrap(a.answer, '  '));
        if (opts.details && a.details.summary !== a.answer) out.push(wrap(a.details.summary, '    '));
        out.push('');
      }
      writeOut(out.join('\n'));
    });
}
