// Vite asset imports (a script file, not a module, so the wildcard declaration is global).
declare module '*?url' {
  /** The URL of the bundled file. */
  const url: string
  export default url
}
