import type { SloStatus } from '../api/types';

/** The state of one SLO as the status bar shows it, worst last. */
export const LEVELS = ['ok', 'ticket', 'page'] as const;
export type SloLevel = (typeof LEVELS)[number];

/** A page alert or a spent budget pages (as `./ossaat slo status` exits 1 on either); a ticket alert is a ticket. */
export function sloLevel(slo: SloStatus): SloLevel {
  if (slo.alert === 'PAGE' || slo.budgetExhausted) {
    return 'page';
  }
  return slo.alert === 'TICKET' ? 'ticket' : 'ok';
}

/** The worst level among the SLOs; ok when there are none. */
export function worstLevel(slos: readonly SloStatus[]): SloLevel {
  return slos.map(sloLevel).reduce<SloLevel>((worst, level) =>
    LEVELS.indexOf(level) > LEVELS.indexOf(worst) ? level : worst, 'ok');
}

/** The status bar text: a codicon and the worst level, with the count of SLOs at that level when not ok. */
export function statusText(slos: readonly SloStatus[]): string {
  const worst = worstLevel(slos);
  const icon = worst === 'page' ? '$(error)' : worst === 'ticket' ? '$(warning)' : '$(pulse)';
  const count = slos.filter((s) => sloLevel(s) === worst).length;
  return worst === 'ok' ? `${icon} SLO ok` : `${icon} SLO ${worst} (${count})`;
}

export interface SloPickItem {
  label: string;
  description: string;
  detail: string;
}

/** One quick pick row: the SLO, its SLI against the objective and budget left, then the burn rates. */
export function pickItem(slo: SloStatus): SloPickItem {
  const level = sloLevel(slo);
  const icon = level === 'page' ? '$(error)' : level === 'ticket' ? '$(warning)' : '$(pass)';
  const burns = Object.entries(slo.burnRates ?? {}).map(([window, rate]) => `${window} ${rate.toFixed(1)}x`).join(' · ');
  return {
    label: `${icon} ${slo.name}`,
    description: `${level}${slo.enoughData ? '' : ' (too few events to judge)'} · SLI ${percent(slo.sli)} of ${percent(slo.objective)} · budget left ${percent(slo.budgetRemaining)}`,
    detail: `burn rate ${burns || 'n/a'}${slo.description ? ` — ${slo.description}` : ''}`,
  };
}

function percent(fraction: number): string {
  const value = fraction * 100;
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(Math.abs(value) >= 99 ? 3 : 1)} %`;
}
