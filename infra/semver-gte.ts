/**
 * Bundled in place of the `semver` package (infra/function-bundling.ts): its one caller in any
 * function, the tracer's aws-xray-sdk-core, loads it with its AWS SDK v2 patcher, which the portal
 * never calls, and calls only `gte`, while the whole package costs every function 28 KB. Plain
 * `major.minor.patch` versions only; anything else is refused rather than guessed.
 * test/unit/semver-gte.test.ts checks both the callers and the answers against semver.
 */
const plainVersion = /^v?(\d+)\.(\d+)\.(\d+)$/;

function parts(version: string): [number, number, number] {
  const match = plainVersion.exec(version);
  if (!match) throw new TypeError(`not a plain major.minor.patch version: ${version}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function gte(version: string, minimum: string): boolean {
  const [a, b] = [parts(version), parts(minimum)];
  for (let index = 0; index < 3; index += 1) {
    if (a[index] !== b[index]) return (a[index] ?? 0) > (b[index] ?? 0);
  }
  return true;
}
