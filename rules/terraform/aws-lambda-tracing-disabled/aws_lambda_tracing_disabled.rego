# METADATA
# title: Lambda function has no X-Ray tracing mode
# description: |
#   Without a tracing configuration, the function's invocations leave no X-Ray traces, so a
#   slow or failing call cannot be followed through the services it touches, and unexpected
#   calls from a compromised function go unseen. As checkov does, `PassThrough` (trace only
#   requests that arrive sampled) is accepted.
# related_resources:
#   - https://docs.aws.amazon.com/lambda/latest/dg/services-xray.html
# custom:
#   id: aws-lambda-tracing-disabled
#   target: terraform
#   severity: low
#   checkov: [CKV_AWS_50]
package converge.rules.terraform.aws_lambda_tracing_disabled

import rego.v1

import data.converge.lib.terraform as tf

findings contains f if {
	some fn in tf.live_resources("aws_lambda_function")
	mode := object.get(tf.first_block(fn.body, "tracing_config"), "mode", null)
	not mode in {"Active", "PassThrough"}
	not tf.is_expression(mode)
	f := {
		"msg": sprintf("aws_lambda_function.%s has no X-Ray tracing mode", [fn.name]),
		"route": array.concat(fn.route, ["tracing_config", 0, "mode"]),
	}
}
