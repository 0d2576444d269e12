import type { Command } from 'commander';
import { intOption, UsageError } from '../program.ts';
import { terminalSafe } from '../format.ts';

interface WorkerOptions {
  queue: string;
  queueName?: string;
  workers?: number;
  stallMs?: number;
}

/** `parley worker --queue URL`: runs tournament batches from a BullMQ queue (see docs/tournaments.md). */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Run tournament negotiations from a BullMQ queue on Redis, on all cores of this machine, until stopped (Ctrl-C or SIGTERM finish the batches in progress). Start as many as you like, on any machines that reach the Redis server. See docs/tournaments.md.',
    )
    .requiredOption('--queue <url>', 'the Redis server, redis://host:port (the one given to parley tournament --queue)')
    .option('--queue-name <name>', 'the BullMQ queue (default parley-tournament)')
    .option('--workers <n>', 'worker threads (default: all cores)', intOption('--workers', 1))
    .option('--stall-ms <ms>', 'lock duration: a batch whose worker died goes to another worker after about this long (default 10000)', intOption('--stall-ms', 500))
    .addHelpText('after', '\nExample:\n  parley worker --queue redis://10.0.0.5:6379 --workers 8\n')
    .action(async (opts: WorkerOptions) => {
      if (!/^rediss?:\/\//.test(opts.queue)) throw new UsageError(`--queue expects a redis:// URL, got "${opts.queue}"`);
      const { startQueueWorker } = await import('../../tournament/queue.ts');
      const log = (line: string) => process.stderr.write(terminalSafe(`parley worker: ${line}\n`));
      const worker = await startQueueWorker({
        url: opts.queue,
        ...(opts.queueName ? { queueName: opts.queueName } : {}),
        ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
        ...(opts.stallMs !== undefined ? { stallMs: opts.stallMs } : {}),
        log,
      });
      log(`ready: taking batches from ${opts.queue} (pid ${process.pid})`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          log('stopping after the batches in progress…');
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await worker.close();
      log(`stopped after ${worker.processed} batches`);
    });
}
