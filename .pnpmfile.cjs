// pnpm hooks for the whole workspace.
module.exports = {
  hooks: {
    // The published manifest keeps what a consumer installs with: the SDK's devDependencies name the
    // workspace's private packages (its tests run against the real gateway) and mean nothing outside it.
    beforePacking(pkg) {
      delete pkg.devDependencies;
      return pkg;
    },
  },
};
