// custom-elements.json is generated (`npm run manifest`); before it exists, this is its type.
declare module '*/custom-elements.json' {
  const manifest: { schemaVersion: string; modules: { path: string; declarations?: { tagName?: string }[] }[] };
  export default manifest;
}
