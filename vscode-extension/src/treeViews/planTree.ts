import type { Plan, Step } from '../api/types';
import { FINAL_PLAN_STATES } from '../api/types';

/** A node of the Plans view. */
export type PlanNode =
  | { kind: 'plan'; plan: Plan }
  | { kind: 'step'; plan: Plan; step: Step }
  | { kind: 'message'; severity: 'error' | 'warning' | 'info'; text: string; nextStep?: string; command?: string };

export type MessageNode = Extract<PlanNode, { kind: 'message' }>;

/** How a node looks: a codicon id and an optional theme colour id, plus the texts. */
export interface Presentation {
  label: string;
  description: string;
  tooltip: string;
  icon: string;
  color?: string;
  /** Drives the inline actions in package.json's menus. */
  contextValue: string;
}

/**
 * The plans the view shows, newest first, and an optional message on top (an error keeps the plans below it: the
 * tree is not wiped while the engine is unreachable). A plan is only replaced by one at least as new, so a slow
 * read cannot take it back in time.
 */
export class PlanTree {
  private readonly plans = new Map<string, Plan>();
  private notice: MessageNode | undefined;

  replaceAll(plans: readonly Plan[]): void {
    this.plans.clear();
    for (const plan of plans) {
      this.plans.set(plan.id, plan);
    }
  }

  /** Stores the plan unless the one held is newer; returns whether anything changed. */
  upsert(plan: Plan): boolean {
    const held = this.plans.get(plan.id);
    if (held && (held.updatedAt ?? '') > (plan.updatedAt ?? '')) {
      return false;
    }
    this.plans.set(plan.id, plan);
    return true;
  }

  get(planId: string): Plan | undefined {
    return this.plans.get(planId);
  }

  get size(): number {
    return this.plans.size;
  }

  setNotice(notice: MessageNode | undefined): void {
    this.notice = notice;
  }

  roots(): PlanNode[] {
    const plans = [...this.plans.values()].sort(newestFirst).map((plan): PlanNode => ({ kind: 'plan', plan }));
    return this.notice ? [this.notice, ...plans] : plans;
  }

  children(node: PlanNode): PlanNode[] {
    if (node.kind !== 'plan') {
      return [];
    }
    const plan = this.plans.get(node.plan.id) ?? node.plan;
    return (plan.steps ?? []).map((step): PlanNode => ({ kind: 'step', plan, step }));
  }
}

function newestFirst(a: Plan, b: Plan): number {
  const byTime = (b.createdAt ?? '').localeCompare(a.createdAt ?? '');
  return byTime !== 0 ? byTime : b.id.localeCompare(a.id);
}

const ICONS: Record<string, { icon: string; color?: string }> = {
  pending: { icon: 'circle-outline' },
  queued: { icon: 'clock' },
  running: { icon: 'sync~spin', color: 'charts.blue' },
  retrying: { icon: 'refresh', color: 'charts.yellow' },
  waiting_approval: { icon: 'bell-dot', color: 'charts.orange' },
  completed: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  dead_lettered: { icon: 'error', color: 'testing.iconFailed' },
  rejected: { icon: 'circle-slash', color: 'testing.iconFailed' },
  cancelled: { icon: 'stop-circle' },
};

/** The icon of a plan or step state; an unknown state (a newer engine) gets a neutral one. */
export function stateIcon(state: string): { icon: string; color?: string } {
  return ICONS[state] ?? { icon: 'circle-large-outline' };
}

export function present(node: PlanNode): Presentation {
  switch (node.kind) {
    case 'plan': {
      const { plan } = node;
      const waiting = (plan.steps ?? []).filter((s) => s.state === 'waiting_approval').map((s) => s.id);
      return {
        label: plan.goal || plan.id,
        description: waiting.length ? `${plan.state} · ${waiting.join(', ')}` : plan.state,
        tooltip: [plan.goal, `id ${plan.id}`, `state ${plan.state}`, plan.agent && `agent ${plan.agent}`,
          plan.workspace && `workspace ${plan.workspace}`, plan.createdAt && `created ${plan.createdAt}`]
          .filter(Boolean).join('\n'),
        ...stateIcon(plan.state),
        contextValue: FINAL_PLAN_STATES.has(plan.state) ? 'plan.finished' : 'plan.active',
      };
    }
    case 'step': {
      const { step } = node;
      const tool = step.tool ? `${step.tool}${step.capability ? ` (${step.capability})` : ''}` : step.capability ?? '';
      return {
        label: step.id,
        description: [step.state, tool].filter(Boolean).join(' · '),
        tooltip: [step.summary, step.capabilityLabel, step.approvalRequired ? 'needs a human approval' : undefined,
          step.attempt ? `attempt ${step.attempt}` : undefined].filter(Boolean).join('\n'),
        ...stateIcon(step.state),
        contextValue: step.state === 'waiting_approval' ? 'step.waiting' : 'step',
      };
    }
    case 'message':
      return {
        label: node.text,
        description: node.nextStep ?? '',
        tooltip: [node.text, node.nextStep].filter(Boolean).join('\n'),
        icon: node.severity === 'error' ? 'error' : node.severity === 'warning' ? 'warning' : 'info',
        color: node.severity === 'error' ? 'errorForeground' : undefined,
        contextValue: 'message',
      };
  }
}
