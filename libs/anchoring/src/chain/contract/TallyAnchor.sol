// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title Tally's anchor of signed tree heads (libs/anchoring/README.md, "Anchoring on a chain").
/// @notice One call per signed tree head of a contest's Merkle log (RFC 9162): the contest, the
/// head's tree size and root hash, and the SHA-256 of the head's canonical bytes (which also
/// covers its time and signature). Only the publisher that deployed the contract may anchor, so
/// an Anchored log from this address is Tally's word, and a head once anchored stays on the chain.
contract TallyAnchor {
    address public immutable publisher;

    event Anchored(bytes32 indexed contestId, uint64 treeSize, bytes32 root, bytes32 headDigest);

    error NotPublisher(address sender);

    constructor() {
        publisher = msg.sender;
    }

    function anchor(bytes32 contestId, uint64 treeSize, bytes32 root, bytes32 headDigest) external {
        if (msg.sender != publisher) revert NotPublisher(msg.sender);
        emit Anchored(contestId, treeSize, root, headDigest);
    }
}
