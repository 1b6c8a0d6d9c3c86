// Types of webview-build.mjs for the TypeScript that imports it (client/test/unit/graph-webview-bundle.ts).
import type { Plugin, LogLevel } from 'esbuild';

export declare const browser: { platform: 'browser'; format: 'iife'; target: string };
export declare function bundleForBrowser(entry: string, logLevel?: LogLevel, plugins?: Plugin[]): Promise<{ text: string; inputs: string[] }>;
export declare const workerSource: Plugin;
