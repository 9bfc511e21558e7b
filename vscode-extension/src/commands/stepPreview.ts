import { createHash } from 'node:crypto';
import type { Plan, Step } from '../api/types';

/** What a human sees before deciding on a step: what it will do, and its patch when it applies one. */
export interface StepPreview {
  title: string;
  detail: string;
  /** A unified diff the step applies, shown as a document before the decision. */
  patch?: string;
}

export function stepPreview(plan: Plan, step: Step): StepPreview {
  const inputs = { ...(plan.inputs ?? {}), ...(step.input ?? {}) };
  const lines = [
    `Plan: ${plan.goal ?? plan.id} (${plan.id})`,
    `Step: ${step.id} — ${step.tool ?? 'tool ?'} under ${step.capability ?? 'capability ?'}${step.capabilityLabel ? ` (${step.capabilityLabel})` : ''}`,
  ];
  if (plan.workspace) {
    lines.push(`Workspace: ${plan.workspace}`);
  }
  const patch = typeof inputs.patch === 'string' && inputs.patch.trim() ? inputs.patch : undefined;
  const approval = step.approval;
  switch (step.tool) {
    case 'code_writer':
      lines.push(patch ? `Applies the patch shown (${patch.split('\n').length} lines) with git apply.` : 'Applies inputs.patch, which is empty.');
      if (patch && approval?.patchSha256) {
        // what the engine fixed when the plan was made against what this preview shows
        lines.push(sha256(patch) === approval.patchSha256.toLowerCase()
          ? `The engine applies exactly this patch (SHA-256 ${approval.patchSha256.slice(0, 12)}…).`
          : `WARNING: the patch shown is not the one the engine holds (SHA-256 ${approval.patchSha256.slice(0, 12)}…); do not approve.`);
      }
      break;
    case 'test_runner':
      lines.push(`Runs: ${approval?.command ?? (typeof inputs.testCommand === 'string' ? inputs.testCommand : 'the detected test command')}`);
      break;
    case 'github_client':
      lines.push(`Commits on branch ${typeof inputs.branch === 'string' ? inputs.branch : `ossaat/${plan.id}`}${inputs.push === true ? ' and pushes' : ''}.`);
      break;
    default:
      if (typeof inputs.command === 'string') {
        lines.push(`Runs: ${inputs.command}`);
      }
  }
  if (step.summary) {
    lines.push(`Engine: ${step.summary}`);
  }
  return {
    title: `Decide on step "${step.id}" of "${plan.goal ?? plan.id}"`,
    detail: lines.join('\n'),
    patch: step.tool === 'code_writer' ? patch : undefined,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
