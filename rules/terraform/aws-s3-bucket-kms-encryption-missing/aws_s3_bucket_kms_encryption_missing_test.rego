package converge.rules.terraform.aws_s3_bucket_kms_encryption_missing_test

import rego.v1

import data.converge.rules.terraform.aws_s3_bucket_kms_encryption_missing as rule

with_module(doc) := object.union(doc, {"__converge": {"module": {"resource": doc.resource}}})

sse(algo) := [{"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": algo}]}]}]

test_missing_configuration_is_reported_at_the_bucket if {
	some f in rule.findings with input as with_module({"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}})
	f.route == ["resource", "aws_s3_bucket", "b"]
	f.case == "missing"
}

test_aes256_inline_and_companion_are_reported_at_the_algorithm if {
	doc := {"resource": {
		"aws_s3_bucket": {"a": {"server_side_encryption_configuration": sse("AES256")}, "b": {}},
		"aws_s3_bucket_server_side_encryption_configuration": {"b": object.union({"bucket": "${aws_s3_bucket.b.id}"}, sse("AES256")[0])},
	}}
	cases := {f.case | some f in rule.findings} with input as with_module(doc)
	cases == {"inline", "companion"}
	some f in rule.findings with input as with_module(doc)
	f.route == ["resource", "aws_s3_bucket_server_side_encryption_configuration", "b", "rule", 0, "apply_server_side_encryption_by_default", 0, "sse_algorithm"]
}

test_kms_dsse_expressions_and_companions_elsewhere_are_clean if {
	doc := {"resource": {"aws_s3_bucket": {
		"a": {"server_side_encryption_configuration": sse("aws:kms")},
		"b": {"server_side_encryption_configuration": sse("aws:kms:dsse")},
		"c": {"server_side_encryption_configuration": sse("${var.algorithm}")},
		"d": {},
	}}}
	module := {"resource": {"aws_s3_bucket_server_side_encryption_configuration": {"d": object.union({"bucket": "${aws_s3_bucket.d.id}"}, sse("aws:kms")[0])}}}
	count(rule.findings) == 0 with input as object.union(doc, {"__converge": {"module": module}})
}
