// --import hook for the main-bundle test: `import … from 'electron'` gets the stand-in below.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url);
