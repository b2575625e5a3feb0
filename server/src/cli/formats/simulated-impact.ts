import type { SimulationScenario } from '../../analysis';
import { runModel } from '../../sim';

// One line per finding for humans reviewing a change: what its scenario does under load, as
// simulated with the numbers read from the code ("goodput falls to 20 % (simulated; 97 % with the
// fix)"). Each distinct scenario runs once per report, with the default seed: deterministic.

export type ImpactOf = (scenario: SimulationScenario | undefined) => string | undefined;

export function simulatedImpacts(): ImpactOf {
  const cache = new Map<string, string | undefined>();
  return (scenario) => {
    if (!scenario) return undefined;
    const key = JSON.stringify([scenario.model, scenario.params, scenario.fixedParams ?? null]);
    if (!cache.has(key)) cache.set(key, impactOf(scenario));
    return cache.get(key);
  };
}

function impactOf(scenario: SimulationScenario): string | undefined {
  try {
    const asWritten = runModel(scenario.model, scenario.params);
    const fraction = goodputFraction(asWritten.summary.values);
    if (fraction === undefined) return `${firstClause(asWritten.summary.headline)} (simulated)`;
    let fixed = '';
    if (scenario.fixedParams) {
      const withFix = goodputFraction(
        runModel(scenario.model, { ...scenario.params, ...scenario.fixedParams }).summary.values,
      );
      if (withFix !== undefined) fixed = `; ${percent(withFix)} with the fix`;
    }
    return `goodput falls to ${percent(fraction)} (simulated${fixed})`;
  } catch {
    // A scenario the simulator rejects has no impact line; the finding itself still stands.
    return undefined;
  }
}

/** "Goodput fell to 0 % and stayed down: 45 s after …" → "Goodput fell to 0 % and stayed down". */
function firstClause(headline: string): string {
  return headline.split(/: | — /)[0]!.replace(/\.$/, '');
}

function goodputFraction(values: Record<string, unknown>): number | undefined {
  const value = values.goodputFraction;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)} %`;
}
