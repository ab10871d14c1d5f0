import * as tf from '@tensorflow/tfjs';

/**
 * AdamW with global-norm gradient clipping, written out because tfjs's Adam has neither decoupled
 * weight decay nor a settable schedule. Decay applies to matrices (weights and embeddings), not to
 * biases and layer-norm gains.
 */
export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  clipNorm: number;
}

export const DEFAULT_ADAMW: AdamWOptions = { beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 0.1, clipNorm: 1 };

export class AdamW {
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  private t = 0;

  constructor(private readonly params: Record<string, tf.Variable>, private readonly opts: AdamWOptions = DEFAULT_ADAMW) {
    for (const [name, p] of Object.entries(params)) {
      const zero = tf.zerosLike(p);
      this.m.set(name, tf.variable(zero, false));
      this.v.set(name, tf.variable(zero, false));
      zero.dispose(); // the variables keep their own reference to the data
    }
  }

  /** One update with learning rate `lr`; returns the gradient's global norm (before clipping). */
  apply(grads: tf.NamedTensorMap, lr: number): number {
    this.t++;
    const { beta1, beta2, eps, weightDecay, clipNorm } = this.opts;
    const c1 = 1 - Math.pow(beta1, this.t);
    const c2 = 1 - Math.pow(beta2, this.t);
    return tf.tidy(() => {
      const sq = Object.values(grads).map((g) => g.square().sum());
      const norm = tf.addN(sq).sqrt().dataSync()[0];
      const scale = Number.isFinite(norm) && norm > clipNorm ? clipNorm / norm : 1;
      for (const [name, p] of Object.entries(this.params)) {
        const g = grads[name].mul(scale);
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(m.mul(beta1).add(g.mul(1 - beta1)));
        v.assign(v.mul(beta2).add(g.square().mul(1 - beta2)));
        const step = m.div(c1).div(v.div(c2).sqrt().add(eps));
        const decay = p.rank >= 2 ? p.mul(weightDecay) : tf.scalar(0);
        p.assign(p.sub(step.add(decay).mul(lr)));
      }
      return norm;
    });
  }

  dispose(): void {
    for (const x of [...this.m.values(), ...this.v.values()]) x.dispose();
  }
}
