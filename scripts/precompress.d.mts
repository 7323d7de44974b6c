// Types of precompress.mjs for vite.config.ts and the tests.
import type { Plugin } from "vite";
export declare function precompressDir(dir: string): number;
export declare function precompress(): Plugin;
