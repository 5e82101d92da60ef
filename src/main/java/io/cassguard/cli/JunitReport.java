package io.cassguard.cli;

import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.RuleOutcome;
import io.cassguard.model.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/**
 * JUnit XML as CI servers read it (Jenkins, GitLab, GitHub test reporters): one {@code testsuite} per changed object,
 * one {@code testcase} per rule that ran on it; a refusal is a {@code failure}, a warning passes with the warning as
 * {@code system-out}.
 */
final class JunitReport implements Output.Report {

    @Override
    public String render(CheckResult result) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "cassguard check");
            xml.writeAttribute("tests", Long.toString(result.objects().stream().mapToLong(JunitReport::tests).sum()));
            xml.writeAttribute("failures", Long.toString(result.objects().stream().mapToLong(JunitReport::failures).sum()));
            xml.writeAttribute("errors", "0");
            for (Checked checked : result.objects()) {
                suite(xml, checked);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("JUnit XML cannot be written", e);
        }
        return text + "\n";
    }

    private static void suite(XMLStreamWriter xml, Checked checked) throws XMLStreamException {
        Manifest subject = checked.subject();
        String name = subject.key().namespace() + "/" + subject.key().displayName();
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name + " (" + checked.change().operation() + ")");
        xml.writeAttribute("tests", Long.toString(tests(checked)));
        xml.writeAttribute("failures", Long.toString(failures(checked)));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("file", subject.file());
        Decision decision = checked.decision();
        for (RuleOutcome outcome : decision.outcomes()) {
            startCase(xml, outcome.ruleId(), name, subject);
            if (outcome.result() == Verdict.DENIED) {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", "refused");
                xml.writeAttribute("message", outcome.line());
                xml.writeCharacters(decision.denialMessage());
            } else {
                xml.writeStartElement("system-out");
                xml.writeCharacters(outcome.result().label() + ": " + outcome.line());
            }
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        for (String rule : decision.passed()) {
            startCase(xml, rule, name, subject);
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void startCase(XMLStreamWriter xml, String rule, String name, Manifest subject) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", rule);
        xml.writeAttribute("classname", name);
        xml.writeAttribute("file", subject.file());
        xml.writeAttribute("line", Integer.toString(subject.line()));
        xml.writeAttribute("time", "0");
        xml.writeCharacters("\n      ");
    }

    private static long tests(Checked checked) {
        return checked.decision().outcomes().size() + checked.decision().passed().size();
    }

    private static long failures(Checked checked) {
        return checked.decision().outcomes(Verdict.DENIED).size();
    }
}
