package dev.hush.policy;

import dev.hush.detect.Finding;

/** What policy decided for one finding, and by which rule. */
public record Decision(Finding finding, PolicyAction action, String ruleId) {
}
