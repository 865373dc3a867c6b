package br.com.kycert.architecture.cyclic.left;

import br.com.kycert.architecture.cyclic.right.Right;

/** A fixture for ArchitectureTest: uses {@link Right}, which uses it back. */
public final class Left {

    public Right partner() {
        return new Right();
    }
}
