package converge.rules.terraform.aws_eks_control_plane_logging_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_eks_control_plane_logging_disabled as rule

test_missing_and_partial_lists_are_reported if {
	doc := {"resource": {"aws_eks_cluster": {"a": {}, "b": {"enabled_cluster_log_types": ["api", "audit"]}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_eks_cluster", "b", "enabled_cluster_log_types"]
	f.msg == "aws_eks_cluster.b does not log authenticator, controllerManager, scheduler"
}

test_full_lists_and_expressions_are_clean if {
	doc := {"resource": {"aws_eks_cluster": {
		"a": {"enabled_cluster_log_types": ["scheduler", "api", "audit", "authenticator", "controllerManager"]},
		"b": {"enabled_cluster_log_types": "${var.log_types}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
