import * as tf from '@tensorflow/tfjs';
import { CLASS_COUNT } from './model';

/**
 * The training-only discriminator (never shipped), written with raw ops so spectral
 * normalisation and projection conditioning need no custom layers:
 *   x (n,16,16,4) in [0,1] → conv3 → conv k/2 → conv k/2 → sum-pool → h (n, 4c)
 *   score = h·w + b + ⟨h, E[class]⟩   (projection discriminator, Miyato & Koyama 2018)
 *   logits = h·A + a                    (auxiliary classifier, AC-GAN style; optional in training)
 * Every weight matrix is divided by its spectral norm, estimated with one power-iteration step
 * per training step (`powerIterate`), which keeps the critic 1-Lipschitz-ish for the hinge loss.
 */
export interface Critic {
  /** Trainable variables (for the optimizer). */
  readonly vars: tf.Variable[];
  /** Scores (n) for images (n,16,16,4) and one-hot classes (n,3). */
  score(x: tf.Tensor4D, cls: tf.Tensor2D): tf.Tensor1D;
  /** Scores (n) and auxiliary class logits (n,3) from one pass over the images. */
  scoreAndLogits(x: tf.Tensor4D, cls: tf.Tensor2D): { score: tf.Tensor1D; logits: tf.Tensor2D };
  /** Features h (n, 4c) before the projection (not normalised). */
  features(x: tf.Tensor4D): tf.Tensor2D;
  /** Every variable (trainable and power-iteration state) by a stable name, for checkpoints. */
  named(): Array<[string, tf.Variable]>;
  /** One power-iteration step for every spectral-normalised weight (outside any tape). */
  powerIterate(): void;
  dispose(): void;
}

interface SnWeight {
  w: tf.Variable;
  /** Singular-vector estimates (1, out) and (1, fanIn), not trainable: constants to the tape. */
  u: tf.Variable;
  v: tf.Variable;
  /** Shape of w as a matrix [fanIn, out]. */
  rows: number;
  cols: number;
}

export interface CriticArch {
  channels: number;
  /** Leaky ReLU slope. */
  slope: number;
  /** Kernel side of the two stride-2 convs. */
  kernel: number;
}

export const DEFAULT_CRITIC: CriticArch = { channels: 32, slope: 0.2, kernel: 3 };

/** Builds a critic whose weights are drawn from seeded initialisers (`seed` an integer). */
export function buildCritic(arch: CriticArch, seed: number): Critic {
  let s = seed;
  const c = arch.channels;
  const sn: SnWeight[] = [];
  const names = new Map<tf.Variable, string>();
  const make = (shape: number[], name: string): SnWeight => {
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const w = tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / rows), 'float32', s++), true);
    const u = tf.variable(tf.tidy(() => l2normalize(tf.randomNormal([1, cols], 0, 1, 'float32', s++))), false);
    const v = tf.variable(tf.zeros([1, rows]), false);
    names.set(w, name).set(u, `${name}_u`).set(v, `${name}_v`);
    const weight = { w, u, v, rows, cols };
    sn.push(weight);
    return weight;
  };
  const bias = (n: number, name: string): tf.Variable => {
    const b = tf.variable(tf.zeros([n]), true);
    names.set(b, `${name}_b`);
    return b;
  };
  const k1 = make([3, 3, 4, c], 'conv1');
  const k2 = make([arch.kernel, arch.kernel, c, 2 * c], 'conv2');
  const k3 = make([arch.kernel, arch.kernel, 2 * c, 4 * c], 'conv3');
  const out = make([4 * c, 1], 'out');
  const embed = make([CLASS_COUNT, 4 * c], 'embed');
  const b1 = bias(c, 'conv1');
  const b2 = bias(2 * c, 'conv2');
  const b3 = bias(4 * c, 'conv3');
  const bOut = bias(1, 'out');
  // The auxiliary head is a plain linear map of the (spectrally bounded) features.
  const aux = tf.variable(tf.randomNormal([4 * c, CLASS_COUNT], 0, Math.sqrt(1 / (4 * c)), 'float32', s++), true);
  names.set(aux, 'aux');
  const bAux = bias(CLASS_COUNT, 'aux');

  // Inside a tape: W / σ with σ = v W uᵀ, the estimates u, v held constant.
  const normalised = (p: SnWeight): tf.Tensor => {
    const sigma = tf.matMul(p.v, p.w.reshape([p.rows, p.cols])).mul(p.u).sum();
    return p.w.div(sigma);
  };

  const features = (x: tf.Tensor4D): tf.Tensor2D =>
    tf.tidy(() => {
      let h: tf.Tensor4D = x.mul(2).sub(1);
      h = tf.leakyRelu(tf.conv2d(h, normalised(k1) as tf.Tensor4D, 1, 'same').add(b1), arch.slope);
      h = tf.leakyRelu(tf.conv2d(h, normalised(k2) as tf.Tensor4D, 2, 'same').add(b2), arch.slope);
      h = tf.leakyRelu(tf.conv2d(h, normalised(k3) as tf.Tensor4D, 2, 'same').add(b3), arch.slope);
      return h.sum([1, 2]) as tf.Tensor2D;
    });

  const scoreOf = (h: tf.Tensor2D, cls: tf.Tensor2D): tf.Tensor1D => {
    const plain = tf.matMul(h, normalised(out) as tf.Tensor2D).reshape([-1]).add(bOut);
    const proj = tf.matMul(cls, normalised(embed) as tf.Tensor2D).mul(h).sum(1);
    return plain.add(proj) as tf.Tensor1D;
  };
  const critic: Critic = {
    vars: [k1.w, k2.w, k3.w, out.w, embed.w, b1, b2, b3, bOut, aux, bAux],
    features,
    named: () => [...names.entries()].map(([v, name]) => [name, v]),
    score: (x, cls) => tf.tidy(() => scoreOf(features(x), cls)),
    scoreAndLogits: (x, cls) => {
      const [score, logits] = tf.tidy(() => {
        const h = features(x);
        return [scoreOf(h, cls), tf.matMul(h, aux).add(bAux) as tf.Tensor2D];
      });
      return { score: score as tf.Tensor1D, logits: logits as tf.Tensor2D };
    },
    powerIterate: () =>
      tf.tidy(() => {
        for (const p of sn) {
          const mat = p.w.reshape([p.rows, p.cols]);
          const v = l2normalize(tf.matMul(p.u, mat.transpose()));
          p.v.assign(v);
          p.u.assign(l2normalize(tf.matMul(v, mat)));
        }
      }),
    dispose: () => {
      for (const p of sn) tf.dispose([p.w, p.u, p.v]);
      tf.dispose([b1, b2, b3, bOut, aux, bAux]);
    },
  };
  critic.powerIterate(); // so σ is meaningful from the first score
  return critic;
}

function l2normalize(x: tf.Tensor): tf.Tensor {
  return x.div(x.square().sum().sqrt().add(1e-12));
}
