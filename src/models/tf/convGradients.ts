import * as tf from '@tensorflow/tfjs';
import {
  conv2dInfo,
  freeAll,
  sliceInfo,
  transposeInfo,
  type WasmBackend,
} from './wasmOps';

/**
 * The two Conv2D gradient kernels for the tfjs wasm backend (4.22 has no Conv2DBackpropFilter at
 * all, and its Conv2DBackpropInput is a naive loop), built from the XNNPACK Conv2D it does have.
 * NHWC only (NCHW input gradients fall back to the stock kernel), any stride/padding, dilation 1
 * (tfjs itself only differentiates convs with dilation 1).
 */

type FilterArgs = {
  inputs: { x: tf.TensorInfo; dy: tf.TensorInfo };
  attrs: tf.Conv2DBackpropFilterAttrs;
  backend: WasmBackend;
};
type InputArgs = {
  inputs: { dy: tf.TensorInfo; filter: tf.TensorInfo };
  attrs: tf.Conv2DBackpropInputAttrs;
  backend: WasmBackend;
};

function convInfoOf(
  xShape: number[],
  filterShape: number[],
  attrs: tf.Conv2DBackpropFilterAttrs | tf.Conv2DBackpropInputAttrs,
): tf.backend_util.Conv2DInfo {
  if (attrs.dataFormat !== 'NHWC') {
    throw new Error(`wasm conv gradient: only NHWC is supported, got ${attrs.dataFormat}`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dL/dfilter, shape [kh, kw, Cin, Cout], for x [N, H, W, Cin] and dy [N, Ho, Wo, Cout].
 * dF[a,b,c,o] = Σ_{n,i,j} x[n, i·s+a−top, j·s+b−left, c] · dy[n,i,j,o], which is a Conv2D over
 * xᵀ = [Cin, H, W, N] (batch and channels swapped) with dy as the filter [Ho, Wo, N, Cout] and the
 * forward stride as the dilation; its output [Cin, kh, kw, Cout] is transposed back.
 */
function conv2dBackpropFilter({ inputs, attrs, backend }: FilterArgs): tf.TensorInfo {
  const { x, dy } = inputs;
  const info = convInfoOf(x.shape, attrs.filterShape, attrs);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const [, inH, inW] = x.shape;
  const [, outH, outW] = dy.shape;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  // Input rows past the last window are never read; a negative bottom pad means "crop them".
  const bottom = kh + (outH - 1) * sh - inH - top;
  const right = kw + (outW - 1) * sw - inW - left;

  const xT = transposeInfo(backend, x, [3, 1, 2, 0]);
  const dyT = transposeInfo(backend, dy, [1, 2, 0, 3]);
  const grad = conv2dInfo(backend, xT, dyT, [1, 1], [sh, sw], [top, Math.max(0, bottom), left, Math.max(0, right)]);
  freeAll(backend, xT, dyT);
  let cropped = grad;
  if (grad.shape[1] !== kh || grad.shape[2] !== kw) {
    cropped = sliceInfo(backend, grad, [0, 0, 0, 0], [grad.shape[0], kh, kw, grad.shape[3]]);
    freeAll(backend, grad);
  }
  const out = transposeInfo(backend, cropped, [1, 2, 0, 3]);
  freeAll(backend, cropped);
  return out;
}

/** Where one stride phase of the input gradient lands and how to compute it (one axis). */
interface PhaseAxis {
  first: number; // first input row/col of this phase
  count: number; // rows/cols of the input gradient in this phase
  taps: number; // filter taps that touch this phase: ceil((k − phase) / s)
  padBefore: number;
  padAfter: number;
  offset: number; // rows/cols to skip at the start of the phase conv output
}

function phaseAxis(phase: number, stride: number, kernel: number, padStart: number, inSize: number, outSize: number): PhaseAxis {
  const first = (((phase - padStart) % stride) + stride) % stride;
  const count = first < inSize ? Math.ceil((inSize - first) / stride) : 0;
  const taps = phase < kernel ? Math.ceil((kernel - phase) / stride) : 0;
  const firstDyIndex = (first + padStart - phase) / stride; // dy index of tap 0 at `first`
  let padBefore = taps - 1 - firstDyIndex;
  let offset = 0;
  if (padBefore < 0) {
    offset = -padBefore;
    padBefore = 0;
  }
  const padAfter = Math.max(0, count + offset - (outSize + padBefore - taps + 1));
  return { first, count, taps, padBefore, padAfter, offset };
}

/**
 * The phase's sub-filter [tapsH, tapsW, Cout, Cin]: taps phase, phase+s, ... of the filter,
 * spatially flipped and with in/out channels swapped (a transposed conv as a plain conv).
 */
function phaseFilter(f: Float32Array, shape: number[], ph: PhaseAxis, pw: PhaseAxis, rh: number, rw: number, sh: number, sw: number): Float32Array {
  const [, kw, cin, cout] = shape;
  const g = new Float32Array(ph.taps * pw.taps * cout * cin);
  for (let m = 0; m < ph.taps; m++) {
    const a = sh * (ph.taps - 1 - m) + rh;
    for (let n = 0; n < pw.taps; n++) {
      const b = sw * (pw.taps - 1 - n) + rw;
      const src = (a * kw + b) * cin * cout;
      const dst = (m * pw.taps + n) * cout * cin;
      for (let c = 0; c < cin; c++) {
        for (let o = 0; o < cout; o++) g[dst + o * cin + c] = f[src + c * cout + o];
      }
    }
  }
  return g;
}

/**
 * dL/dx, shape inputShape [N, H, W, Cin], for dy [N, Ho, Wo, Cout] and filter [kh, kw, Cin, Cout].
 * Computed stride phase by stride phase: the input rows h with (h + top) ≡ r (mod s) only meet
 * the filter taps r, r+s, ..., so each phase is a stride-1 conv of dy with that sub-filter, with
 * no zeros inserted; the phases are then interleaved. This is also the forward pass of
 * conv2dTranspose, so its speed matters for decoders and generators.
 */
function conv2dBackpropInput({ inputs, attrs, backend }: InputArgs): tf.TensorInfo {
  const { dy, filter } = inputs;
  if (attrs.dataFormat !== 'NHWC') return stockBackpropInput(inputs, attrs, backend);
  const info = convInfoOf(attrs.inputShape, filter.shape, attrs);
  const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw } = info;
  const [batch, inH, inW, cin] = attrs.inputShape;
  const [, outH, outW] = dy.shape;

  const parts: { out: tf.TensorInfo; ph: PhaseAxis; pw: PhaseAxis }[] = [];
  for (let rh = 0; rh < sh; rh++) {
    const ph = phaseAxis(rh, sh, kh, info.padInfo.top, inH, outH);
    for (let rw = 0; rw < sw; rw++) {
      const pw = phaseAxis(rw, sw, kw, info.padInfo.left, inW, outW);
      if (ph.count === 0 || pw.count === 0 || ph.taps === 0 || pw.taps === 0) continue;
      // A fresh view each time: the allocations below may grow (and detach) the wasm heap.
      const fVals = backend.typedArrayFromHeap(filter) as Float32Array;
      const g = phaseFilter(fVals, filter.shape, ph, pw, rh, rw, sh, sw);
      const gInfo = backend.makeOutput([ph.taps, pw.taps, filter.shape[3], cin], 'float32', undefined, g);
      const out = conv2dInfo(backend, dy, gInfo, [1, 1], [1, 1], [ph.padBefore, ph.padAfter, pw.padBefore, pw.padAfter]);
      freeAll(backend, gInfo);
      parts.push({ out, ph, pw });
    }
  }
  // Stride 1 with an exact fit: the single phase already is the answer.
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only && sh === 1 && sw === 1 && only.ph.offset === 0 && only.pw.offset === 0 &&
      only.out.shape[1] === inH && only.out.shape[2] === inW) {
    return only.out;
  }
  const dx = backend.makeOutput([batch, inH, inW, cin], 'float32');
  // Views are taken after the last allocation: wasm memory growth would detach older views.
  const dst = backend.typedArrayFromHeap(dx) as Float32Array;
  if (parts.length < sh * sw) dst.fill(0); // phases no filter tap reaches (kernel < stride)
  for (const { out, ph, pw } of parts) {
    const src = backend.typedArrayFromHeap(out) as Float32Array;
    const [, rows, cols] = out.shape;
    for (let n = 0; n < batch; n++) {
      for (let k = 0; k < ph.count; k++) {
        const h = ph.first + k * sh;
        let s = ((n * rows + k + ph.offset) * cols + pw.offset) * cin;
        let d = ((n * inH + h) * inW + pw.first) * cin;
        const dStep = sw * cin;
        for (let l = 0; l < pw.count; l++, s += cin, d += dStep) {
          for (let c = 0; c < cin; c++) dst[d + c] = src[s + c];
        }
      }
    }
  }
  freeAll(backend, ...parts.map((p) => p.out));
  return dx;
}

let stockInputKernel: tf.KernelConfig | undefined;

function stockBackpropInput(inputs: InputArgs['inputs'], attrs: tf.Conv2DBackpropInputAttrs, backend: WasmBackend): tf.TensorInfo {
  if (!stockInputKernel) throw new Error(`wasm Conv2DBackpropInput: ${attrs.dataFormat} needs the stock kernel, which is missing`);
  return stockInputKernel.kernelFunc({ inputs, attrs: attrs as unknown as tf.NamedAttrMap, backend }) as tf.TensorInfo;
}

const filterKernel: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter as unknown as tf.KernelFunc,
};
const inputKernel: tf.KernelConfig = {
  kernelName: 'Conv2DBackpropInput',
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as unknown as tf.KernelFunc,
};

/**
 * Registers Conv2DBackpropFilter and Conv2DBackpropInput for the 'wasm' backend (replacing the
 * stock input-gradient kernel). Safe to call any number of times; does not need the backend to
 * be initialised yet, only `@tensorflow/tfjs-backend-wasm` to be imported.
 */
export function registerWasmConvGradients(): void {
  for (const kernel of [filterKernel, inputKernel]) {
    const current = tf.getKernel(kernel.kernelName, 'wasm');
    if (current?.kernelFunc === kernel.kernelFunc) continue;
    if (current) {
      if (kernel === inputKernel) stockInputKernel = current;
      tf.unregisterKernel(kernel.kernelName, 'wasm');
    }
    // Keep the stock setupFunc: the NCHW fallback needs it if the backend starts after this call.
    tf.registerKernel({ ...kernel, setupFunc: current?.setupFunc });
  }
}
