package converge.rules.terraform.aws_eks_public_endpoint_enabled_test

import rego.v1

import data.converge.rules.terraform.aws_eks_public_endpoint_enabled as rule

test_default_and_true_are_reported if {
	doc := {"resource": {"aws_eks_cluster": {
		"a": {"vpc_config": [{"subnet_ids": ["s"]}]},
		"b": {"vpc_config": [{"endpoint_public_access": true, "endpoint_private_access": "${var.private}"}]},
	}}}
	count(rule.findings) == 2 with input as doc
	some a in rule.findings with input as doc
	a.route == ["resource", "aws_eks_cluster", "a", "vpc_config", 0, "endpoint_public_access"]
	a.case == "public"
	some b in rule.findings with input as doc
	b.case == "private_access_expression"
}

test_private_only_and_expressions_are_clean if {
	doc := {"resource": {"aws_eks_cluster": {
		"a": {"vpc_config": [{"endpoint_public_access": false, "endpoint_private_access": true}]},
		"b": {"vpc_config": [{"endpoint_public_access": "${var.public}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
