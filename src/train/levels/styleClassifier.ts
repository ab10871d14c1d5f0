import * as tf from '@tensorflow/tfjs';
import type { Grid } from '../../core/grid';
import { createRng } from '../../core/rng';
import { ROOM_CELLS, TILE_COUNT, tileBatch } from '../../models/levelVae/encoding';
import { TILE_INDEX } from '../../core/tiles';
import type { CorpusRoom } from './corpus';

/**
 * The style judge of the evaluation: a small conv net trained on the corpus's rooms to tell
 * the styles apart (it never sees generated rooms in training). `styleCoherence` is the share of
 * samples it assigns to their requested style with probability ≥ 0.8. Doors are masked out of
 * its input (border set to wall) so it judges the interior only.
 */
export interface StyleClassifier {
  styles: readonly string[];
  model: tf.LayersModel;
  /** Held-out accuracy (test split) measured after training. */
  testAccuracy: number;
}

function build(styles: number, seed: number): tf.LayersModel {
  const init = (k: number) => tf.initializers.glorotUniform({ seed: seed + k });
  return tf.sequential({
    name: 'style_classifier',
    layers: [
      tf.layers.conv2d({ inputShape: [11, 16, TILE_COUNT], filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(0) }),
      tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
      tf.layers.conv2d({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init(1) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(2) }),
      tf.layers.dense({ units: styles, activation: 'softmax', kernelInitializer: init(3) }),
    ],
  });
}

/** One-hot rooms with the border replaced by wall ([n, 11, 16, 9]). */
function inputs(rooms: readonly Grid[]): tf.Tensor4D {
  const x = tileBatch(rooms);
  for (let r = 0; r < rooms.length; r++) {
    for (let i = 0; i < ROOM_CELLS; i++) {
      const col = i % 16;
      const row = (i - col) / 16;
      if (row >= 2 && row <= 8 && col >= 2 && col <= 13) continue;
      const o = (r * ROOM_CELLS + i) * TILE_COUNT;
      x.fill(0, o, o + TILE_COUNT);
      x[o + TILE_INDEX.W] = 1;
    }
  }
  return tf.tensor4d(x, [rooms.length, 11, 16, TILE_COUNT]);
}

/** Probabilities [n][styles] for rooms, in batches. */
export function styleProbabilities(clf: StyleClassifier, rooms: readonly Grid[]): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < rooms.length; i += 512) {
    const part = rooms.slice(i, i + 512);
    const p = tf.tidy(() => (clf.model.predict(inputs(part)) as tf.Tensor).dataSync() as Float32Array);
    part.forEach((_, k) => out.push(p.slice(k * clf.styles.length, (k + 1) * clf.styles.length)));
  }
  return out;
}

/**
 * Trains the classifier on the train split (mirrored copies included: the styles are
 * mirror-invariant) and measures its accuracy on the test split. Seeded; a few seconds.
 */
export async function trainStyleClassifier(rooms: readonly CorpusRoom[], styles: readonly string[], seed = 7, epochs = 6): Promise<StyleClassifier> {
  const train = rooms.filter((r) => r.split === 'train');
  const test = rooms.filter((r) => r.split === 'test');
  const label = (s: string) => {
    const i = styles.indexOf(s);
    if (i < 0) throw new Error(`style classifier: unknown style ${s}`);
    return i;
  };
  const grids: Grid[] = [];
  const labels: number[] = [];
  for (const r of train) {
    const g = r.grid;
    const mx = g.clone();
    for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) mx.set(g.width - 1 - x, y, g.get(x, y));
    grids.push(g, mx);
    labels.push(label(r.style), label(r.style));
  }
  const order = createRng(`style-classifier/${seed}`).shuffle(grids.map((_, i) => i));
  const model = build(styles.length, seed);
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const x = inputs(order.map((i) => grids[i]));
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(order.map((i) => labels[i]), 'int32'), styles.length));
  await model.fit(x, y, { epochs, batchSize: 64, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
  const clf: StyleClassifier = { styles, model, testAccuracy: NaN };
  if (test.length > 0) {
    const probs = styleProbabilities(clf, test.map((r) => r.grid));
    let hit = 0;
    probs.forEach((p, i) => {
      let best = 0;
      for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
      if (best === label(test[i].style)) hit++;
    });
    clf.testAccuracy = hit / test.length;
  }
  return clf;
}
