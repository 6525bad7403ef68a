// Highlights: the stored shape, the article's normalised text, and anchoring (pure: runs in the renderer on the
// browser's DOM and in the core on linkedom).
export * from './highlight'
export * from './normalised-text'
export * from './describe-selection'
export {
  anchorHighlight,
  anchorHighlights,
  prepareAnchorText,
  reanchorHighlight,
  MIN_ANCHOR_SCORE
} from './anchor-highlight'
export type { AnchorText } from './anchor-highlight'
