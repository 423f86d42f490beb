package converge.rules.terraform.aws_ebs_volume_unencrypted_test

import rego.v1

import data.converge.rules.terraform.aws_ebs_volume_unencrypted as rule

test_missing_and_false_are_reported if {
	doc := {"resource": {"aws_ebs_volume": {"a": {}, "b": {"encrypted": false}}}}
	count(rule.findings) == 2 with input as doc
}

test_true_and_references_are_clean if {
	doc := {"resource": {"aws_ebs_volume": {"a": {"encrypted": true}, "b": {"encrypted": "${var.enc}"}}}}
	count(rule.findings) == 0 with input as doc
}
