package converge.rules.terraform.aws_s3_bucket_lifecycle_missing_test

import rego.v1

import data.converge.rules.terraform.aws_s3_bucket_lifecycle_missing as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

test_bucket_without_lifecycle_is_reported if {
	doc := {"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}
	fs := rule.findings with input as with_module(doc)
	{f.route | some f in fs} == {["resource", "aws_s3_bucket", "b"]}
}

test_companion_inline_and_dynamic_rules_are_clean if {
	doc := {"resource": {
		"aws_s3_bucket": {
			"a": {"bucket": "a"},
			"each": {"for_each": "${var.buckets}", "bucket": "${each.key}"},
			"inline": {"lifecycle_rule": [{"enabled": false}]},
			"dyn": {"dynamic": {"lifecycle_rule": [{"for_each": "${var.rules}"}]}},
			"off": {"count": 0},
		},
		"aws_s3_bucket_lifecycle_configuration": {
			"a": {"bucket": "${aws_s3_bucket.a.id}", "rule": [{"status": "Enabled"}]},
			"each": {"for_each": "${aws_s3_bucket.each}", "bucket": "${each.value.id}"},
		},
	}}
	count(rule.findings) == 0 with input as with_module(doc)
}

test_companion_in_another_file_counts if {
	doc := {
		"resource": {"aws_s3_bucket": {"b": {}}},
		"__converge": {"module": {"resource": {"aws_s3_bucket_lifecycle_configuration": {"b": {"bucket": "${aws_s3_bucket.b.bucket}"}}}}},
	}
	count(rule.findings) == 0 with input as doc
}

test_companion_for_another_bucket_does_not_count if {
	doc := {"resource": {
		"aws_s3_bucket": {"b": {}},
		"aws_s3_bucket_lifecycle_configuration": {"c": {"bucket": "${aws_s3_bucket.bc.id}"}},
	}}
	count(rule.findings) == 1 with input as with_module(doc)
}
