// A constant-velocity Kalman filter on the local map: state [x, y, vx, vy] (metres, metres per second).
// Positions and velocities are each observed as a 2-vector with its own 2x2 covariance.

/** A symmetric 2x2 covariance [xx, xy, yy]. */
export type Cov2 = [number, number, number];

export interface KalmanState {
  /** [x, y, vx, vy]. */
  x: number[];
  /** 4x4 covariance, row-major. */
  P: number[];
}

const at = (P: number[], r: number, c: number) => P[r * 4 + c]!;

/** A state from a position and velocity guess with their covariances; no correlation between them. */
export function initialState(pos: { x: number; y: number }, posCov: Cov2, vel: { x: number; y: number }, velCov: Cov2): KalmanState {
  const P = new Array<number>(16).fill(0);
  P[0] = posCov[0];
  P[1] = P[4] = posCov[1];
  P[5] = posCov[2];
  P[10] = velCov[0];
  P[11] = P[14] = velCov[1];
  P[15] = velCov[2];
  return { x: [pos.x, pos.y, vel.x, vel.y], P };
}

/**
 * The state dt seconds later (or earlier, for a negative dt: a late report of an earlier sighting), with
 * white-noise acceleration of spectral density q (m²/s³) on each axis adding uncertainty either way.
 * Precondition: q >= 0.
 */
export function predict(s: KalmanState, dt: number, q: number): KalmanState {
  const [x, y, vx, vy] = s.x as [number, number, number, number];
  const F = [1, 0, dt, 0, 0, 1, 0, dt, 0, 0, 1, 0, 0, 0, 0, 1];
  const FP = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) FP[r * 4 + c]! += F[r * 4 + k]! * at(s.P, k, c);
  const P = new Array<number>(16).fill(0);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) for (let k = 0; k < 4; k++) P[r * 4 + c]! += FP[r * 4 + k]! * F[c * 4 + k]!;
  const a = Math.abs(dt);
  const [q11, q12, q22] = [(q * a ** 3) / 3, (q * dt * a) / 2, q * a];
  for (const axis of [0, 1]) {
    P[axis * 4 + axis]! += q11;
    P[axis * 4 + axis + 2]! += q12;
    P[(axis + 2) * 4 + axis]! += q12;
    P[(axis + 2) * 4 + axis + 2]! += q22;
  }
  return { x: [x + vx * dt, y + vy * dt, vx, vy], P };
}

/** Which pair of state components an observation measures: 0 = position, 2 = velocity. */
export type Part = 0 | 2;

function innovation(s: KalmanState, part: Part, z: { x: number; y: number }, R: Cov2) {
  const y0 = z.x - s.x[part]!;
  const y1 = z.y - s.x[part + 1]!;
  const S = [at(s.P, part, part) + R[0], at(s.P, part, part + 1) + R[1], at(s.P, part + 1, part + 1) + R[2]];
  const det = S[0]! * S[2]! - S[1]! * S[1]!;
  const inv = [S[2]! / det, -S[1]! / det, S[0]! / det];
  return { y0, y1, inv, det };
}

/** The squared Mahalanobis distance of an observation from the state. Precondition: R positive definite. */
export function mahalanobis2(s: KalmanState, part: Part, z: { x: number; y: number }, R: Cov2): number {
  const { y0, y1, inv } = innovation(s, part, z, R);
  return y0 * (inv[0]! * y0 + inv[1]! * y1) + y1 * (inv[1]! * y0 + inv[2]! * y1);
}

/**
 * The cost of explaining an observation by this state: d² + ln det S (twice the negative log-likelihood, up to a
 * constant). Comparing tracks by d² alone favours the vaguest track; this does not. Precondition: R positive definite.
 */
export function associationCost(s: KalmanState, part: Part, z: { x: number; y: number }, R: Cov2): { d2: number; cost: number } {
  const { y0, y1, inv, det } = innovation(s, part, z, R);
  const d2 = y0 * (inv[0]! * y0 + inv[1]! * y1) + y1 * (inv[1]! * y0 + inv[2]! * y1);
  return { d2, cost: d2 + Math.log(det) };
}

/** The state after observing z with covariance R. Precondition: R positive definite. */
export function update(s: KalmanState, part: Part, z: { x: number; y: number }, R: Cov2): KalmanState {
  const { y0, y1, inv } = innovation(s, part, z, R);
  // K = P H^T S^-1, a 4x2 matrix; H picks columns part and part + 1.
  const K: number[] = [];
  for (let r = 0; r < 4; r++) {
    const a = at(s.P, r, part);
    const b = at(s.P, r, part + 1);
    K.push(a * inv[0]! + b * inv[1]!, a * inv[1]! + b * inv[2]!);
  }
  const x = s.x.map((v, r) => v + K[r * 2]! * y0 + K[r * 2 + 1]! * y1);
  const P = new Array<number>(16);
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) P[r * 4 + c] = at(s.P, r, c) - K[r * 2]! * at(s.P, part, c) - K[r * 2 + 1]! * at(s.P, part + 1, c);
  }
  // Keep P symmetric against rounding.
  for (let r = 0; r < 4; r++) for (let c = r + 1; c < 4; c++) P[r * 4 + c] = P[c * 4 + r] = (P[r * 4 + c]! + P[c * 4 + r]!) / 2;
  return { x, P };
}

/** The 2x2 covariance of position (part 0) or velocity (part 2). */
export function covOf(s: KalmanState, part: Part): Cov2 {
  return [at(s.P, part, part), at(s.P, part, part + 1), at(s.P, part + 1, part + 1)];
}

/** A covariance with standard deviations `along` a compass bearing and `across` it. */
export function covAlong(bearingDeg: number, along: number, across: number): Cov2 {
  const b = (bearingDeg * Math.PI) / 180;
  const [ux, uy] = [Math.sin(b), Math.cos(b)];
  const [a2, c2] = [along * along, across * across];
  return [a2 * ux * ux + c2 * uy * uy, (a2 - c2) * ux * uy, a2 * uy * uy + c2 * ux * ux];
}

/** The state with its velocity unknown: mean zero, s.d. `speed` per axis, no correlation with position. */
export function forgetVelocity(s: KalmanState, speed: number): KalmanState {
  const P = [...s.P];
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) if (r >= 2 || c >= 2) P[r * 4 + c] = 0;
  P[10] = P[15] = speed * speed;
  return { x: [s.x[0]!, s.x[1]!, 0, 0], P };
}
