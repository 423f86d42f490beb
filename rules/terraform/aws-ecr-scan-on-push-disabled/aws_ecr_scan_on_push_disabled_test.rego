package converge.rules.terraform.aws_ecr_scan_on_push_disabled_test

import rego.v1

import data.converge.rules.terraform.aws_ecr_scan_on_push_disabled as rule

test_missing_block_and_false_are_reported if {
	doc := {"resource": {"aws_ecr_repository": {
		"a": {},
		"b": {"image_scanning_configuration": [{"scan_on_push": false}]},
	}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_ecr_repository", "a", "image_scanning_configuration", 0, "scan_on_push"]
}

test_enabled_and_expressions_are_clean if {
	doc := {"resource": {"aws_ecr_repository": {
		"a": {"image_scanning_configuration": [{"scan_on_push": true}]},
		"b": {"image_scanning_configuration": [{"scan_on_push": "${var.scan}"}]},
	}}}
	count(rule.findings) == 0 with input as doc
}
