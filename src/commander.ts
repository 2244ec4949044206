// One place the CLI takes commander from; the bundle (scripts/bundle-cli.mjs) makes it part of dist/cli.js.
export { Command, CommanderError, Option } from 'commander';
