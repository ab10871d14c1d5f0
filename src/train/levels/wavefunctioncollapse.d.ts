/** Types for the parts of `wavefunctioncollapse@2.1.0` (MIT, no bundled types) the WFC peer uses. */
declare module 'wavefunctioncollapse' {
  export class OverlappingModel {
    constructor(
      data: Uint8Array | Uint8ClampedArray,
      dataWidth: number,
      dataHeight: number,
      N: number,
      width: number,
      height: number,
      periodicInput: boolean,
      periodicOutput: boolean,
      symmetry: number,
      ground?: number,
    );
    /** Runs a whole generation; false on a contradiction. */
    generate(rng?: () => number): boolean;
    /** RGBA of the generation (width × height × 4). */
    graphics(array?: Uint8Array | Uint8ClampedArray, defaultColor?: number[]): Uint8Array;
    clear(): void;
  }
  const wfc: { OverlappingModel: typeof OverlappingModel };
  export default wfc;
}
