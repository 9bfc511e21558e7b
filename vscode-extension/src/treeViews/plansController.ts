import { EngineError, toEngineError } from '../api/engineError';
import type { LiveState } from '../api/liveEvents';
import type { Plan, PlanEvent, PlanPage } from '../api/types';
import { PlanTree } from './planTree';

/** What the controller reads plans from (the MCP client). */
export interface PlanSource {
  listPlans(args: { limit?: number }): Promise<PlanPage>;
  getPlan(id: string): Promise<Plan>;
}

/** How many plans the view loads. */
export const PLAN_LIMIT = 50;

/**
 * Keeps the PlanTree current: a full read on refresh, then one plan read per plan an event names (reads of the same
 * plan never overlap; events that arrive meanwhile cause one more read). Failures become the tree's message node.
 */
export class PlansController {
  private readonly reading = new Map<string, Promise<void>>();
  private readonly stale = new Set<string>();
  private wasInterrupted = false;

  constructor(
    readonly tree: PlanTree,
    private readonly source: () => PlanSource | undefined,
    private readonly changed: () => void,
  ) {}

  /** Reads the newest plans; on failure keeps what is shown and says why on top. */
  async refresh(): Promise<void> {
    const source = this.source();
    if (!source) {
      this.notConnected();
      return;
    }
    try {
      const page = await source.listPlans({ limit: PLAN_LIMIT });
      this.tree.replaceAll(page.items);
      this.tree.setNotice(page.items.length ? undefined
        : { kind: 'message', severity: 'info', text: 'No plans yet.', nextStep: 'Create one with "ossaat: New plan…".', command: 'ossaat.newPlan' });
    } catch (e) {
      this.showError(toEngineError(e, 'the engine'));
    }
    this.changed();
  }

  /** A step or plan moved: re-read that plan (a plan not shown yet is added). */
  onEvent(event: PlanEvent): Promise<void> {
    const running = this.reading.get(event.planId);
    if (running) {
      this.stale.add(event.planId);
      return running;
    }
    const read = this.read(event.planId).finally(() => this.reading.delete(event.planId));
    this.reading.set(event.planId, read);
    return read;
  }

  /** The live stream's state: a pause shows a warning, coming back refreshes everything once. */
  onLiveState(state: LiveState): void {
    if (state.kind === 'waiting') {
      this.wasInterrupted = true;
      const seconds = Math.max(1, Math.round(state.retryInMs / 1000));
      this.tree.setNotice({ kind: 'message', severity: 'warning', text: `Live updates paused: ${state.error.message}`,
        nextStep: `${state.error.nextStep} Retrying in ${seconds} s.`.trim(), command: 'ossaat.connect' });
      this.changed();
    } else if (state.kind === 'live' && this.wasInterrupted) {
      this.wasInterrupted = false;
      void this.refresh();
    }
  }

  showError(error: EngineError): void {
    this.tree.setNotice({ kind: 'message', severity: 'error', text: error.message, nextStep: error.nextStep, command: 'ossaat.connect' });
    this.changed();
  }

  notConnected(): void {
    this.tree.setNotice({ kind: 'message', severity: 'info', text: 'Not connected to an ossaat engine.',
      nextStep: 'Run "ossaat: Connect".', command: 'ossaat.connect' });
    this.changed();
  }

  private async read(planId: string): Promise<void> {
    do {
      this.stale.delete(planId);
      const source = this.source();
      if (!source) {
        return;
      }
      try {
        if (this.tree.upsert(await source.getPlan(planId))) {
          this.changed();
        }
      } catch (e) {
        const error = toEngineError(e, 'the engine');
        if (error.kind !== 'tool') { // a plan that vanished is no news; an unreachable engine is
          this.showError(error);
        }
        return;
      }
    } while (this.stale.has(planId));
  }
}
