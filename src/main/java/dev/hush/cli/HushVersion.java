package dev.hush.cli;

import picocli.CommandLine.IVersionProvider;

final class HushVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HushMain.class.getPackage().getImplementationVersion();
        return new String[] {"hush " + (v == null ? "dev" : v)};
    }
}
