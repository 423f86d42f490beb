package converge.rules.terraform.aws_ecr_tags_mutable_test

import rego.v1

import data.converge.rules.terraform.aws_ecr_tags_mutable as rule

test_missing_and_mutable_are_reported if {
	doc := {"resource": {"aws_ecr_repository": {"a": {}, "b": {"image_tag_mutability": "MUTABLE"}}}}
	count(rule.findings) == 2 with input as doc
	some f in rule.findings with input as doc
	f.route == ["resource", "aws_ecr_repository", "b", "image_tag_mutability"]
}

test_immutable_exclusions_and_expressions_are_clean if {
	doc := {"resource": {"aws_ecr_repository": {
		"a": {"image_tag_mutability": "IMMUTABLE"},
		"b": {"image_tag_mutability": "MUTABLE_WITH_EXCLUSION"},
		"c": {"image_tag_mutability": "${var.mutability}"},
	}}}
	count(rule.findings) == 0 with input as doc
}
