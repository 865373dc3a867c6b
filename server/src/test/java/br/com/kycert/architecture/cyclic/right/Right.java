package br.com.kycert.architecture.cyclic.right;

import br.com.kycert.architecture.cyclic.left.Left;

/** A fixture for ArchitectureTest: uses {@link Left}, which uses it back. */
public final class Right {

    public Left partner() {
        return new Left();
    }
}
