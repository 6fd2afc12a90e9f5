/** File loading shared by the CLI and the language server (plain Node, no protocol imports). */
export * from './files';
