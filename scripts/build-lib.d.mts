// Types of build-lib.mjs for the tests that import it.
export declare const ROOT: string;
export declare const LIB_DIR: string;
export declare function exportTargets(pkg?: { exports?: unknown }): string[];
export declare function buildLib(options?: { quiet?: boolean }): Promise<void>;
export declare function libIsFresh(): boolean;
export declare function ensureLib(): Promise<void>;
